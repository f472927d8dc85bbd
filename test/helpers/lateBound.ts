/**
 * An object that stands for one made later, in a beforeAll: a test file can name it at the top
 * (`const { server } = serverSuite()`) and use it in its tests as if it were the real one.
 * Using it before the hook has run throws, with `what` in the message.
 */
export function lateBound<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_target, key) {
      const value = current();
      if (value === undefined) throw new Error(`${what} is not ready: it is made in a beforeAll hook`);
      const member: unknown = Reflect.get(value, key, value);
      return typeof member === 'function' ? (member as (...args: unknown[]) => unknown).bind(value) : member;
    },
  });
}
