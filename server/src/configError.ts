/** A configuration that cannot run: its message is one line naming the variable. */
export class ConfigError extends Error {}
