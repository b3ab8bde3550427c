import type { ArgsOf, Method, ResultOf } from '../../shared/api';
import type { Check } from './validate';

export type Handler<M extends Method> = (args: ArgsOf<M>) => ResultOf<M> | Promise<ResultOf<M>>;

/** A registered method: its argument check and its handler. */
export interface MethodEntry {
  check: Check;
  handler: (args: unknown) => unknown;
}

/**
 * The methods main answers, each registered once with the check of its arguments beside its
 * handler. A second registration of a name is a programming error and throws: nothing
 * overrides a method by registering it again.
 */
export class Registry {
  private readonly entries = new Map<string, MethodEntry>();

  method<M extends Method>(name: M, check: Check, handler: Handler<M>): void {
    if (this.entries.has(name)) throw new Error(`API method ${name} is registered twice`);
    this.entries.set(name, { check, handler: handler as (args: unknown) => unknown });
  }

  get(name: string): MethodEntry | undefined {
    return this.entries.get(name);
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  /** Every entry's handler replaced by `wrap(name, handler)` (the access check), checks kept. */
  wrapHandlers(wrap: (name: Method, handler: (args: unknown) => unknown) => (args: unknown) => unknown): void {
    for (const [name, entry] of this.entries) entry.handler = wrap(name as Method, entry.handler);
  }

  /** Throws unless every method of the contract is registered (and nothing else). */
  assertExactly(contract: readonly string[]): void {
    const missing = contract.filter((m) => !this.entries.has(m));
    const extra = this.names().filter((m) => !contract.includes(m));
    if (missing.length || extra.length) {
      throw new Error(`API registry does not match the contract: missing ${missing.join(', ') || 'none'}; not in the contract ${extra.join(', ') || 'none'}`);
    }
  }
}
