import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createTestApp, type TestApp, type TestUser } from '../../tests/setup/test-app.js';
import { fixtureInserts, sampleBody } from '../../tests/setup/entity-fixtures.js';
import { createApp } from '../api/app.js';
import type { EntityDefinition } from '../entities/entity-definition.js';
import { entityRegistry } from '../entities/entity-registry.js';
import { recordParents } from './record-parents.js';

/**
 * Every actor × every record state × every read endpoint family, for EVERY registered entity:
 * asserts exactly which records come back. Mismatches are collected into one table per entity.
 */
const ACTORS = ['anonymous', 'anonymous_read', 'read_only', 'owner', 'other_contributor', 'maintainer', 'user_manager', 'administrator'] as const;
type Actor = (typeof ACTORS)[number];
const STATES = ['private', 'public', 'deleted'] as const;
type State = (typeof STATES)[number];

/** The rules of product.md, written out independently of the implementation. */
function maySee(actor: Actor, state: State): boolean {
  if (state === 'deleted') return false;
  if (state === 'public') return actor !== 'anonymous';
  return actor === 'owner' || actor === 'maintainer' || actor === 'administrator';
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let anonReadApp: OpenAPIHono;
const users = {} as Record<Exclude<Actor, 'anonymous' | 'anonymous_read'>, TestUser>;

function send(actor: Actor, method: string, path: string, body?: unknown): Promise<Response> {
  const app = actor === 'anonymous_read' ? anonReadApp : t.app;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (actor !== 'anonymous' && actor !== 'anonymous_read') headers.authorization = users[actor].headers.authorization;
  return Promise.resolve(app.request(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
}

async function createAs(actor: Actor, def: EntityDefinition, body: Record<string, unknown>): Promise<{ id: number }> {
  const res = await send(actor, 'POST', `/api/v1/${def.plural}`, body);
  if (res.status !== 201) {
    throw new Error(`Creating a ${def.table} record failed (${res.status} ${await res.text()}); add a fixture override in tests/setup/entity-fixtures.ts`);
  }
  return (await res.json()) as { id: number };
}

const byTable = (table: string) => entityRegistry.find((d) => d.table === table)!;
const maintainerCreates = (table: string, body: Record<string, unknown>) => createAs('maintainer', byTable(table), body);

/** A record owned by `owner`: through the API, or inserted for entities created elsewhere (uploads). */
async function createOwned(def: EntityDefinition, name: string, status: 'private' | 'public', extra: Record<string, unknown> = {}): Promise<number> {
  const insert = fixtureInserts[def.table];
  if (insert) {
    const parent = async (table: string) => (await maintainerCreates(table, { ...(await sampleBody(byTable(table), entityRegistry, `${name}-p`, maintainerCreates)), status: 'public' })).id;
    return insert({ db: t.handle.db, ownerId: users.owner.id, name, status, extra, parent });
  }
  const body = { ...(await sampleBody(def, entityRegistry, name, maintainerCreates)), ...extra };
  return (await createAs('owner', def, { ...body, status })).id;
}

/** Creates one record per state, owned by `owner`, named with a shared unique token. */
async function recordsInEachState(def: EntityDefinition, token: string, extra: Record<string, unknown> = {}): Promise<Record<State, number>> {
  const ids = {} as Record<State, number>;
  for (const state of STATES) ids[state] = await createOwned(def, `${token}-${state}`, state === 'public' ? 'public' : 'private', extra);
  const del = await send('owner', 'DELETE', `/api/v1/${def.plural}/${ids.deleted}`);
  expect(del.status).toBe(204);
  return ids;
}

function idsFromCsv(text: string): number[] {
  const [header, ...lines] = text.trim().split('\r\n');
  const col = header.split(',').indexOf('id');
  return lines.filter(Boolean).map((l) => Number(l.split(',')[col]));
}

/** The ids each list-like endpoint family returns for `actor`. */
async function listFamilies(actor: Actor, base: string, token: string): Promise<Record<string, number[]>> {
  const q = encodeURIComponent(token);
  const get = async (path: string) => {
    const res = await send(actor, 'GET', path);
    if (res.status !== 200) return [`HTTP ${res.status}`] as unknown as number[];
    return res;
  };
  const items = async (path: string) => {
    const res = await get(path);
    return Array.isArray(res) ? res : ((await res.json()) as Json).items.map((r: Json) => r.id as number);
  };
  const csv = await get(`${base}/export?format=csv&name__contains=${q}`);
  const json = await get(`${base}/export?format=json&q=${q}`);
  return {
    list: await items(`${base}?name__contains=${q}&page_size=500`),
    search: await items(`${base}?q=${q}`),
    choices: await items(`${base}/choices?q=${q}`),
    export_csv: Array.isArray(csv) ? csv : idsFromCsv(await csv.text()),
    export_json: Array.isArray(json) ? json : ((await json.json()) as Json[]).map((r) => r.id as number),
  };
}

beforeAll(async () => {
  t = await createTestApp();
  anonReadApp = createApp({ ...t.deps, config: { ...t.deps.config, anonymousRead: true } });
  users.read_only = await t.createUser('read_only');
  users.owner = await t.createUser('contributor');
  users.other_contributor = await t.createUser('contributor');
  users.maintainer = await t.createUser('maintainer');
  users.user_manager = await t.createUser('user_manager');
  users.administrator = await t.createUser('administrator');
});
afterAll(async () => t.close());

describe.each(entityRegistry.map((d) => [d.plural, d] as const))('permission matrix: %s', (_plural, def) => {
  const base = `/api/v1/${def.plural}`;
  const token = `mx${def.table.replace(/_/g, '')}${Math.random().toString(36).slice(2, 8)}`;
  let ids: Record<State, number>;
  beforeAll(async () => {
    ids = await recordsInEachState(def, token);
  });

  it('list, search, choices and CSV/JSON export return exactly the records each actor may see', async () => {
    const mismatches: string[] = [];
    for (const actor of ACTORS) {
      const expected = STATES.filter((s) => maySee(actor, s)).map((s) => ids[s]).sort((a, b) => a - b);
      for (const [family, got] of Object.entries(await listFamilies(actor, base, token))) {
        const sorted = [...got].sort((a, b) => a - b);
        if (JSON.stringify(sorted) !== JSON.stringify(expected)) mismatches.push(`${actor} ${family}: got ${JSON.stringify(sorted)}, expected ${JSON.stringify(expected)}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('detail and history answer 200 exactly when the actor may see the record, else 404', async () => {
    const mismatches: string[] = [];
    for (const actor of ACTORS) {
      for (const state of STATES) {
        for (const path of [`${base}/${ids[state]}`, `${base}/${ids[state]}/history`]) {
          const status = (await send(actor, 'GET', path)).status;
          const expected = maySee(actor, state) ? 200 : 404;
          if (status !== expected) mismatches.push(`${actor} GET ${path.replace(base, '')} (${state}): ${status}, expected ${expected}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("never offers another user's private record in a dropdown", async () => {
    for (const actor of ['other_contributor', 'read_only', 'user_manager', 'anonymous_read'] as const) {
      const all = (await (await send(actor, 'GET', `${base}/choices?page_size=500`)).json()) as Json;
      expect(all.items.map((c: Json) => c.id)).not.toContain(ids.private);
      const byName = (await (await send(actor, 'GET', `${base}/choices?name=${encodeURIComponent(`${token}-private`)}`)).json()) as Json;
      expect(byName.total).toBe(0);
    }
  });

  it('enforces who may create, edit and delete', async () => {
    const mismatches: string[] = [];
    const check = (what: string, status: number, expected: number) => {
      if (status !== expected) mismatches.push(`${what}: ${status}, expected ${expected}`);
    };
    const fresh = async (state: 'private' | 'public') => ({ id: await createOwned(def, `${token}-w${Math.random().toString(36).slice(2)}`, state) });
    for (const actor of ACTORS) {
      const anonymous = actor === 'anonymous' || actor === 'anonymous_read';
      // Entities with an insert fixture are created elsewhere (uploads); their POST is theirs to test.
      if (!fixtureInserts[def.table]) {
        const body = await sampleBody(def, entityRegistry, `${token}-c-${actor}`, maintainerCreates);
        check(`${actor} create`, (await send(actor, 'POST', base, body)).status, anonymous ? 401 : actor === 'read_only' ? 403 : 201);
      }

      const writable = (state: 'private' | 'public') => {
        if (anonymous) return 401;
        if (actor === 'maintainer' || actor === 'administrator') return 200;
        if (!maySee(actor, state)) return 404;
        if (actor === 'owner') return state === 'private' || !def.lockedWhenPublic ? 200 : 403;
        return 403;
      };
      for (const state of ['private', 'public'] as const) {
        const target = await fresh(state);
        check(`${actor} PATCH ${state}`, (await send(actor, 'PATCH', `${base}/${target.id}`, { notes: `edited by ${actor}` })).status, writable(state));
        const expectedDelete = writable(state) === 200 ? 204 : writable(state);
        check(`${actor} DELETE ${state}`, (await send(actor, 'DELETE', `${base}/${target.id}`)).status, expectedDelete);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/** Related lists declared with a foreign key, on every entity: the parent's visibility and the children's. */
const relations = entityRegistry.flatMap((parent) => (parent.relations ?? []).filter((r) => r.foreignKey).map((r) => [`${parent.plural}/:id/${r.path}`, parent, r] as const));

describe.each(relations)('permission matrix: related list %s', (_name, parent, relation) => {
  const child = entityRegistry.find((d) => d.table === relation.target)!;
  const token = `mxrel${Math.random().toString(36).slice(2, 8)}`;
  let publicParent: number;
  let privateParent: number;
  let ids: Record<State, number>;
  beforeAll(async () => {
    publicParent = await createOwned(parent, `${token}-pp`, 'public');
    privateParent = await createOwned(parent, `${token}-qp`, 'private');
    ids = await recordsInEachState(child, token, { [relation.foreignKey!]: publicParent });
  });

  it('lists exactly the visible children, and 404 for a parent the actor may not see', async () => {
    const mismatches: string[] = [];
    for (const actor of ACTORS) {
      const res = await send(actor, 'GET', `/api/v1/${parent.plural}/${publicParent}/${relation.path}?page_size=500`);
      const got = res.status === 200 ? ((await res.json()) as Json).items.map((r: Json) => r.id as number).sort((a: number, b: number) => a - b) : `HTTP ${res.status}`;
      const expected = maySee(actor, 'public') ? STATES.filter((s) => maySee(actor, s)).map((s) => ids[s]).sort((a, b) => a - b) : 'HTTP 404';
      if (JSON.stringify(got) !== JSON.stringify(expected)) mismatches.push(`${actor}: got ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
      const hidden = (await send(actor, 'GET', `/api/v1/${parent.plural}/${privateParent}/${relation.path}`)).status;
      if (hidden !== (maySee(actor, 'private') ? 200 : 404)) mismatches.push(`${actor} private parent: ${hidden}`);
    }
    expect(mismatches).toEqual([]);
  });
});

/** Records that depend on a parent (record-parents.ts): visible only when both they and their parent are. */
describe.each(Object.entries(recordParents).map(([table, parent]) => [`${table} → ${parent!.table}`, table, parent!] as const))('permission matrix: parent %s', (_name, table, link) => {
  const child = byTable(table);
  const parent = byTable(link.table);
  const token = `mxpar${Math.random().toString(36).slice(2, 8)}`;
  const cases: { parentState: State; childState: 'private' | 'public'; id: number }[] = [];
  beforeAll(async () => {
    for (const parentState of STATES) {
      const parentId = await createOwned(parent, `${token}-p${parentState}`, parentState === 'public' ? 'public' : 'private');
      for (const childState of ['private', 'public'] as const) {
        cases.push({ parentState, childState, id: await createOwned(child, `${token}-${parentState}-${childState}`, childState, { [link.column]: parentId }) });
      }
      if (parentState === 'deleted') expect((await send('maintainer', 'DELETE', `/api/v1/${parent.plural}/${parentId}`)).status).toBe(204);
    }
  });

  it('list and detail show a record only when the actor may see it and its parent', async () => {
    const mismatches: string[] = [];
    for (const actor of ACTORS) {
      const listed = await listFamilies(actor, `/api/v1/${child.plural}`, token);
      for (const c of cases) {
        const expected = maySee(actor, c.childState) && maySee(actor, c.parentState);
        const detail = (await send(actor, 'GET', `/api/v1/${child.plural}/${c.id}`)).status;
        if (detail !== (expected ? 200 : 404)) mismatches.push(`${actor} detail (${c.childState} in ${c.parentState}): ${detail}`);
        for (const [family, ids] of Object.entries(listed)) {
          if (ids.includes(c.id) !== expected) mismatches.push(`${actor} ${family} (${c.childState} in ${c.parentState}): ${expected ? 'missing' : 'shown'}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
