import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors/config-error.js';
import { checkTableDefinitions } from '../../../src/schema/definition-check.js';
import { RelationGraph } from '../../../src/schema/relation-graph.js';
import type { TableDefinition } from '../../../src/schema/table-definition.js';

const authors = { name: 'authors', schema: { name: { type: 'string' } } } as const satisfies TableDefinition;
const tags = { name: 'tags', schema: { label: { type: 'string' } } } as const satisfies TableDefinition;
const posts = (schema: TableDefinition['schema']): TableDefinition => ({ name: 'posts', schema: { title: { type: 'string' }, ...schema } });

describe('relationship declaration checks', () => {
  it.each([
    [{ author: { type: 'relationship', table: 'writers', relation: 'manyToOne' } }, /related table "writers" is not declared/],
    [{ author: { type: 'relationship', table: 'authors', relation: 'manyToAll' } }, /relation must be one of/],
    [{ author: { type: 'relationship', table: 'authors', relation: 'manyToOne', onDelete: 'explode' } }, /onDelete must be one of/],
    [{ author: { type: 'relationship', table: 'authors', relation: 'manyToOne', required: true } }, /unknown property required/],
    [{ author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'name' } }, /its key on "authors" \("name"/],
    [{ a: { type: 'relationship', table: 'authors', relation: 'manyToOne' }, b: { type: 'relationship', table: 'authors', relation: 'oneToOne' } }, /its key on "authors" \("posts", set by twoWayKey, default the table id\)/],
    [{ a: { type: 'relationship', table: 'tags', relation: 'manyToMany', twoWayKey: 'x' }, b: { type: 'relationship', table: 'tags', relation: 'manyToMany', twoWayKey: 'y' } }, /a second manyToMany between "posts" and "tags"/],
    [{ parent: { type: 'relationship', table: 'posts', relation: 'oneToOne' } }, /relationship to its own table/],
    [{ author: { type: 'relationship', table: 'authors', relation: 'manyToOne', renamedFrom: 'title' } }, /renamedFrom "title" is the key of another declared field/],
    [{ author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKeyRenamedFrom: 'posts' } }, /twoWayKeyRenamedFrom "posts" is the key the relationship has on "authors" already/],
    [{ author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'works', twoWayKeyRenamedFrom: 'name' } }, /twoWayKeyRenamedFrom "name" is the key of a declared field of "authors"/],
  ])('refuses %j', (schema, message) => {
    const call = (): void => checkTableDefinitions([authors, tags, posts(schema as TableDefinition['schema'])]);
    expect(call).toThrow(ConfigError);
    expect(call).toThrow(message);
  });
});

describe('the relationship graph', () => {
  const graph = new RelationGraph([
    { name: 'companies', schema: { name: { type: 'string' } } },
    { name: 'authors', schema: { company: { type: 'relationship', table: 'companies', relation: 'manyToOne', onDelete: 'setNull' } } },
    { name: 'posts', schema: { author: { type: 'relationship', table: 'authors', relation: 'manyToOne', twoWay: true, twoWayKey: 'posts', onDelete: 'cascade' } } },
    { name: 'tags', schema: { label: { type: 'string' } } },
  ]);

  it('writes reach the two-way partners of the keys they set, and only those', () => {
    expect([...graph.affectedByWrite('posts', ['author'])]).toEqual(['posts', 'authors']);
    expect([...graph.affectedByWrite('posts', ['title'])]).toEqual(['posts']);
    expect([...graph.affectedByWrite('authors', ['company'])]).toEqual(['authors']);
  });

  it('deletes reach cascade and setNull targets transitively, and two-way partners', () => {
    expect([...graph.affectedByDelete('companies')].sort()).toEqual(['authors', 'companies']);
    expect([...graph.affectedByDelete('authors')].sort()).toEqual(['authors', 'companies', 'posts']);
    expect([...graph.affectedByDelete('tags')]).toEqual(['tags']);
  });

  it('a with path loads every table along it', () => {
    expect(graph.loadedTables('posts', ['author.company'])).toEqual(['posts', 'authors', 'companies']);
  });
});
