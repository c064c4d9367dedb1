import type { z } from 'zod';

type Issue = z.core.$ZodIssue;

/** The option names accepted at one place of the config (`''` for the top level, `'cache'`...). */
export type KnownKeys = (path: string) => readonly string[];

/**
 * Renders zod's issues about a config, one `path: message` per problem, for a `ConfigError`.
 * A union (`cache: false | {...}`) is reported by the branch the value was meant for, so that
 * `cache: { ttl: '5m' }` names `cache.ttl` rather than "cache: Invalid input"; an unknown key gets the
 * closest known name as a suggestion. Only paths and rule messages appear: zod does not echo input values,
 * so the API key cannot leak into the text.
 *
 * @example
 * ```ts
 * describeConfigIssues(schema.safeParse(config).error!.issues, (path) => Object.keys(shapeAt(path)));
 * // 'Unrecognized key: "autoMigrte" (did you mean "autoMigrate"?)'
 * ```
 */
export function describeConfigIssues(issues: readonly Issue[], known: KnownKeys): string {
  return flatten(issues, []).map((issue) => render(issue, known)).join('; ');
}

function flatten(issues: readonly Issue[], prefix: readonly PropertyKey[]): Issue[] {
  return issues.flatMap((issue) => {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_union') {
      // A branch that failed on the value's own type (false vs an object) was not the one meant.
      const meant = issue.errors.filter((branch) => !branch.some((inner) => inner.path.length === 0 && (inner.code === 'invalid_type' || inner.code === 'invalid_value')));
      if (meant.length === 1 && meant[0] !== undefined) return flatten(meant[0], path);
    }
    return [{ ...issue, path }];
  });
}

function render(issue: Issue, known: KnownKeys): string {
  const path = issue.path.map(String).join('.');
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const names = known(path);
    message = issue.keys.map((key) => {
      const suggestion = closest(key, names);
      return `Unrecognized key: "${key}"${suggestion === undefined ? '' : ` (did you mean "${suggestion}"?)`}`;
    }).join('; ');
  }
  return path === '' ? message : `${path}: ${message}`;
}

/** The known name nearest to `key` (edit distance, ignoring case), when near enough to be a typo. */
export function closest(key: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const name of names) {
    const distance = editDistance(key.toLowerCase(), name.toLowerCase());
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
