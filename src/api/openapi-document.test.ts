import { readFileSync } from 'node:fs';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../tests/setup/test-app.js';
import { operationIdOf } from './openapi-document.js';

type Doc = { security?: unknown[]; components?: { securitySchemes?: Record<string, unknown> }; paths: Record<string, Record<string, { operationId?: string; responses: Record<string, unknown> }>> };

describe('GET /api/openapi.json', () => {
  let t: TestApp;
  let served: Doc;
  beforeAll(async () => {
    t = await createTestApp();
    served = (await (await t.app.request('/api/openapi.json')).json()) as Doc;
  });
  afterAll(async () => t.close());

  it('is the document committed in web/openapi.json (else run `npm run gen:api`)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../web/openapi.json', import.meta.url), 'utf8')) as Doc;
    expect(served, 'web/openapi.json is stale: run `npm run gen:api` and commit it').toEqual(committed);
  });

  it('lets a generated client authenticate and call every operation by a unique id', () => {
    expect(Object.keys(served.components?.securitySchemes ?? {}).sort()).toEqual(['bearerToken', 'sessionCookie']);
    expect(served.security).toEqual([{ bearerToken: [] }, { sessionCookie: [] }, {}]);
    const operations = Object.values(served.paths).flatMap((item) => Object.values(item));
    const ids = operations.map((o) => o.operationId);
    expect(operations.length).toBeGreaterThan(200);
    expect(new Set(ids).size).toBe(operations.length);
    for (const o of operations) expect(o.responses['401'], o.operationId).toBeDefined();
  });

  it('passes redocly lint with its recommended rules: no error, no warning', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(served), absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });
});

describe('operationIdOf', () => {
  it('names an operation from its method and path, parameters as "by"', () => {
    expect(operationIdOf('get', '/api/v1/experiments')).toBe('getExperiments');
    expect(operationIdOf('patch', '/api/v1/experiments/{id}')).toBe('patchExperimentsById');
    expect(operationIdOf('get', '/api/v1/data-files/{id}/cycles/{cycle}/steps')).toBe('getDataFilesByIdCyclesByCycleSteps');
    expect(operationIdOf('get', '/api/health')).toBe('getHealth');
  });
});
