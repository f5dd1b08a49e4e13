import type { components } from './schema.js';

/** Types of the API's own schemas, generated from its OpenAPI document (`npm run gen:api`). */
type Schemas = components['schemas'];

export type ApiUser = Schemas['User'];
export type ApiSession = Schemas['Session'];
export type ApiDataFile = Schemas['DataFile'];
export type ApiSeries = Schemas['Series'];
export type ApiHistoryEntry = Schemas['HistoryEntry'];
export type ApiFadeFigures = Schemas['FadeFigures'];
export type ApiBatchStatistics = Schemas['BatchStatistics'];
export type ApiToken = Schemas['ApiToken'];
export type ApiNewToken = Schemas['NewApiToken'];
export type ApiTokensRevoked = Schemas['ApiTokensRevoked'];
export type ApiPasswordChange = Schemas['PasswordChange'];
export type ApiRegistration = Schemas['Registration'];
export type ApiRole = ApiUser['role'];
export type ApiUnassignedFile = Schemas['UnassignedFile'];
export type ApiUnassignedFileAssignment = Schemas['UnassignedFileAssignment'];
export type ApiHarvester = Schemas['Harvester'];
export type ApiChannel = Schemas['Channel'];
