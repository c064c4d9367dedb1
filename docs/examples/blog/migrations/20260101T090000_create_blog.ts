import type { Migrator } from 'appwrite-orm/server';

export async function up(m: Migrator): Promise<void> {
  await m.createTable('authors', { name: { type: 'string', size: 100, required: true } });
  await m.createTable('posts', {
    title: { type: 'string', size: 200, required: true },
    status: { type: 'enum', enum: ['draft', 'live'], default: 'draft' },
  });
  // Relationship columns name the related table by id; the migrator waits until Appwrite has built them.
  await m.addColumn('posts', 'author', { type: 'relationship', table: 'authors', relation: 'manyToOne', onDelete: 'cascade' });
}

export async function down(m: Migrator): Promise<void> {
  await m.dropTable('posts');
  await m.dropTable('authors');
}
