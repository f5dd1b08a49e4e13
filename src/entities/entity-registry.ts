import { organisationEntity } from '../organisations/organisation.entity.js';
import { personEntity } from '../people/person.entity.js';
import type { EntityDefinition } from './entity-definition.js';

/**
 * Every entity served by the generic framework: routes, OpenAPI, history, visibility, and the
 * permission-matrix test all iterate this list. Add yours with one import and one line.
 */
export const entityRegistry: readonly EntityDefinition[] = [
  organisationEntity,
  personEntity,
];
