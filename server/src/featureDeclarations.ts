/**
 * What the features declare besides their routes: the collaborative document kinds (with who may
 * open them) and the maps of the live document. Collected once at start; two features claiming
 * one kind or map, or a kind or map in shared/ that no feature claims, is a mistake that would
 * otherwise show only when a document is opened: the server refuses to start instead.
 */
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/documentNames.ts';
import { LIVE_MAP_NAMES, type LiveMapName } from '../../shared/liveMaps.ts';
import type { AccessResolver } from './collab/documentAccess.ts';
import type { DocumentKindDeclaration, Feature } from './feature.ts';
import type { Store } from './storage/store.ts';

export interface FeatureDeclarations {
  documentKinds: ReadonlyMap<DocumentKind, DocumentKindDeclaration>;
  liveMaps: readonly LiveMapName[];
}

export function collectDeclarations(features: readonly Feature[]): FeatureDeclarations {
  const kindOwners = new Map<DocumentKind, string>();
  const documentKinds = new Map<DocumentKind, DocumentKindDeclaration>();
  const mapOwners = new Map<LiveMapName, string>();
  for (const feature of features) {
    for (const declaration of feature.documentKinds ?? []) {
      const owner = kindOwners.get(declaration.kind);
      if (owner) throw new Error(`Document kind '${declaration.kind}' is declared by both ${owner} and ${feature.name}`);
      kindOwners.set(declaration.kind, feature.name);
      documentKinds.set(declaration.kind, declaration);
    }
    for (const map of feature.liveMaps ?? []) {
      const owner = mapOwners.get(map);
      if (owner) throw new Error(`Live map '${map}' is declared by both ${owner} and ${feature.name}`);
      mapOwners.set(map, feature.name);
    }
  }
  const undeclaredKinds = DOCUMENT_KINDS.filter((kind) => !kindOwners.has(kind));
  if (undeclaredKinds.length > 0) throw new Error(`No feature declares the document kind(s) ${undeclaredKinds.join(', ')}`);
  const undeclaredMaps = LIVE_MAP_NAMES.filter((map) => !mapOwners.has(map));
  if (undeclaredMaps.length > 0) throw new Error(`No feature declares the live map(s) ${undeclaredMaps.join(', ')}`);
  return { documentKinds, liveMaps: [...mapOwners.keys()] };
}

/** Each declared kind's access resolver, built from the store. */
export function accessResolvers(declarations: FeatureDeclarations, store: Store): Map<DocumentKind, AccessResolver> {
  return new Map([...declarations.documentKinds].map(([kind, declaration]) => [kind, declaration.access(store)]));
}
