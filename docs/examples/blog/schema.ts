import { defineTable } from 'appwrite-orm/server';

export const authors = defineTable({
  name: 'authors',
  schema: { name: { type: 'string', size: 100, required: true } },
});

export const posts = defineTable({
  name: 'posts',
  schema: {
    title: { type: 'string', size: 200, required: true },
    slug: { type: 'string', size: 200 },
    status: { type: 'enum', enum: ['draft', 'live'], default: 'draft' },
    author: { type: 'relationship', table: 'authors', relation: 'manyToOne', onDelete: 'cascade' },
  },
  indexes: [{ key: 'by_slug', type: 'unique', attributes: ['slug'] }],
});

export const tables = [authors, posts] as const;
