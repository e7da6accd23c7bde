import type { VocabularyExtension } from '../types.js';
import { tokenize } from '../vocabulary.js';
import type { DurationUnit } from './constant-duration.js';
import { readCatalogFile } from '../catalog-files.js';

// The store catalog on its own, free of the TypeScript compiler, so loading it costs a scan nothing
// when no file needs parsing.

export interface CookieApi {
  id: string;
  method: string;
  receiver?: string[];
  importedFrom?: string[];
  arguments: { name: number; value: number; options: number };
  maxAge?: DurationUnit;
  expiresNumber?: DurationUnit;
}

export type ExpiryUnit = DurationUnit | 'absolute' | 'unknown';

/** The store catalog (rules/catalog/stores.yaml) with the user's own store writes added. */
export interface StoreCatalog {
  profileTerms: string[][];
  cacheTerms: string[][];
  falseFriends: string[][];
  redis: {
    clientTokens: Set<string>;
    packages: Set<string>;
    constructors: Set<string>;
    writes: Set<string>;
    boundedWrites: Map<string, { argument: number; unit: DurationUnit }>;
    expiryOptions: Map<string, ExpiryUnit>;
    expiryCalls: Map<string, ExpiryUnit>;
  };
  localStorage: Set<string>;
  sessionStorage: Set<string>;
  cookieMaxDays: number;
  cookieApis: CookieApi[];
  mongo: { writes: Set<string>; indexes: Set<string> };
  orm: {
    prismaClients: Set<string>;
    prismaWrites: Set<string>;
    repositoryWrites: Set<string>;
    managerTokens: string[][];
    modelWrites: Set<string>;
  };
  sagemaker: { commands: Set<string>; methods: Set<string> };
  feastBodyKeys: Set<string>;
  /** `vocabulary.stores` from the config: the user's own profile-store writes, as dotted callee names. */
  userStores: string[];
  /** Every name a store write may be called by, to pass over other calls quickly. */
  writeMethodNames: Set<string>;
  userStoreExpiryOptions: Map<string, ExpiryUnit>;
}

interface StoreCatalogFile {
  profileData: { terms: string[]; cacheTerms: string[]; falseFriends: string[] };
  redis: {
    clientTokens: string[];
    packages: string[];
    constructors: string[];
    writes: string[];
    boundedWrites: Record<string, { argument: number; unit: DurationUnit }>;
    expiryOptions: Record<string, ExpiryUnit>;
    expiryCalls: Record<string, ExpiryUnit>;
  };
  browserStorage: { localStorage: string[]; sessionStorage: string[] };
  cookies: { maxDays: number; apis: CookieApi[] };
  mongodb: { writes: string[]; indexes: string[] };
  orm: { prismaClients: string[]; prismaWrites: string[]; repositoryWrites: string[]; managerTokens: string[]; modelWrites: string[] };
  featureStores: { sagemaker: { commands: string[]; methods: string[] }; feastBodyKeys: string[] };
  userStoreExpiryOptions: Record<string, ExpiryUnit>;
}

/** Loads the store catalog and adds the user's own store writes from `vocabulary.stores`. */
export function loadStoreCatalog(extension: VocabularyExtension): StoreCatalog {
  const file = readCatalogFile<StoreCatalogFile>('stores.yaml');
  const userStores = [...extension.stores].map((name) => name.replace(/\s+/g, '')).sort();
  return {
    profileTerms: file.profileData.terms.map((term) => tokenize(term)),
    cacheTerms: file.profileData.cacheTerms.map((term) => tokenize(term)),
    falseFriends: file.profileData.falseFriends.map((term) => tokenize(term)),
    redis: {
      clientTokens: new Set(file.redis.clientTokens),
      packages: new Set(file.redis.packages),
      constructors: new Set(file.redis.constructors),
      writes: new Set(file.redis.writes),
      boundedWrites: new Map(Object.entries(file.redis.boundedWrites)),
      expiryOptions: new Map(Object.entries(file.redis.expiryOptions)),
      expiryCalls: new Map(Object.entries(file.redis.expiryCalls)),
    },
    localStorage: new Set(file.browserStorage.localStorage),
    sessionStorage: new Set(file.browserStorage.sessionStorage),
    cookieMaxDays: file.cookies.maxDays,
    cookieApis: file.cookies.apis,
    mongo: { writes: new Set(file.mongodb.writes), indexes: new Set(file.mongodb.indexes) },
    orm: {
      prismaClients: new Set(file.orm.prismaClients),
      prismaWrites: new Set(file.orm.prismaWrites),
      repositoryWrites: new Set(file.orm.repositoryWrites),
      managerTokens: file.orm.managerTokens.map((term) => tokenize(term)),
      modelWrites: new Set(file.orm.modelWrites),
    },
    sagemaker: { commands: new Set(file.featureStores.sagemaker.commands), methods: new Set(file.featureStores.sagemaker.methods) },
    feastBodyKeys: new Set(file.featureStores.feastBodyKeys),
    userStores,
    userStoreExpiryOptions: new Map(Object.entries(file.userStoreExpiryOptions)),
    writeMethodNames: new Set([
      'setItem',
      'insert',
      ...file.redis.writes,
      ...Object.keys(file.redis.boundedWrites),
      ...file.cookies.apis.map((api) => api.method),
      ...file.mongodb.writes,
      ...file.mongodb.indexes,
      ...file.orm.prismaWrites,
      ...file.orm.repositoryWrites,
      ...file.orm.modelWrites,
      ...file.featureStores.sagemaker.methods,
      ...userStores.map((name) => name.slice(name.lastIndexOf('.') + 1)),
    ]),
  };
}

