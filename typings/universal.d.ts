/**
 * Globals that both the browser and Node provide, declared for shared/ alone (which has neither
 * DOM nor Node types, so that it cannot use what only one of them has).
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly protocol: string;
  readonly href: string;
  readonly host: string;
  readonly pathname: string;
}
