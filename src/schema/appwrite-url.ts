import { isIPv6 } from 'node:net';

// Characters PHP's URL filter keeps (letters, digits and `$-_.+!*'(),{}|\^~[]`<>#%";/?:@&=`): any other one
// (a space, a control character, anything beyond ASCII) makes FILTER_VALIDATE_URL fail.
const URL_CHARACTERS = /^[A-Za-z0-9$\-_.+!*'(),{}|\\^~[\]`<>#%";/?:@&=]+$/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const USERINFO = /^(?:[A-Za-z0-9\-._~!$&'()*+,;=:]|%[0-9A-Fa-f]{2})*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** Schemes PHP lets go without a host (`mailto:someone@example.com`). */
const HOSTLESS = new Set(['mailto', 'news', 'file']);

function isHostname(host: string): boolean {
  const name = host.endsWith('.') ? host.slice(0, -1) : host;
  return name.length > 0 && name.length <= 253 && name.split('.').every((label) => LABEL.test(label));
}

function isBracketedIpv6(host: string): boolean {
  return host.startsWith('[') && host.endsWith(']') && isIPv6(host.slice(1, -1));
}

interface Authority {
  readonly user: string | undefined;
  readonly host: string;
  readonly port: string | undefined;
}

function authorityOf(rest: string): Authority | undefined {
  const end = rest.search(/[/?#]/);
  const authority = end === -1 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  const user = at === -1 ? undefined : authority.slice(0, at);
  const hostPort = at === -1 ? authority : authority.slice(at + 1);
  const portAt = hostPort.startsWith('[') ? hostPort.indexOf(']:') + 1 : hostPort.lastIndexOf(':');
  if (portAt <= 0) return { user, host: hostPort, port: undefined };
  return { user, host: hostPort.slice(0, portAt), port: hostPort.slice(portAt + 1) };
}

/**
 * Whether Appwrite's URL validator (utopia `URL` = PHP `filter_var($value, FILTER_VALIDATE_URL)`) accepts
 * `value`: printable ASCII only, a scheme, a host except for `mailto:`, `news:` and `file:`, a valid host
 * name or bracketed IPv6 for http(s), a numeric port. So `mailto:a@b.co` and `ftp://files.example.com`
 * pass, and `javascript:alert(1)` or `https://exa mple.com` do not.
 *
 * @example
 * ```ts
 * isAppwriteUrl('https://example.com/a?b=1'); // true
 * isAppwriteUrl('mailto:team@example.com');   // true
 * isAppwriteUrl('javascript:alert(1)');       // false
 * ```
 */
export function isAppwriteUrl(value: string): boolean {
  if (!URL_CHARACTERS.test(value)) return false;
  const scheme = SCHEME.exec(value)?.[1];
  if (scheme === undefined) return false;
  const rest = value.slice(scheme.length + 1);
  const authority = rest.startsWith('//') ? authorityOf(rest.slice(2)) : undefined;
  const host = authority?.host === '' ? undefined : authority?.host;
  if (authority?.port !== undefined && (!/^\d{1,5}$/.test(authority.port) || Number(authority.port) > 65_535)) return false;
  if (/^https?$/i.test(scheme) && (host === undefined || !(isBracketedIpv6(host) || isHostname(host)))) return false;
  if (host === undefined && !HOSTLESS.has(scheme)) return false;
  return authority?.user === undefined || authority.user.split(':').every((part) => USERINFO.test(part));
}
