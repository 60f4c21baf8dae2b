import {
  contract,
  isMethod,
  type Method,
  methods,
  type OutputOf,
  type ParsedInputOf,
} from '../../shared/ipc/contract';
import { describeIssues } from '../../shared/errors';
import { AttuneError, fail, ok, type Result } from '../../shared/ipc/result';

/** One handler per contract method, receiving input that has already passed its schema. */
export type Handlers = {
  [M in Method]: (input: ParsedInputOf<M>) => Promise<OutputOf<M>> | OutputOf<M>;
};

export interface Router {
  /** Validates an untrusted method name and payload, runs the handler, never throws. */
  call(method: unknown, input: unknown): Promise<Result<unknown>>;
  readonly methods: readonly Method[];
}

export interface RouterOptions {
  /** Where unexpected errors are reported; their details never reach the renderer. */
  onUnexpectedError?: (method: string, error: unknown) => void;
  /**
   * Asked before each call with a known method: a Result refuses it unanswered (client entry
   * mode, clientEntryGate.ts); null lets it through.
   */
  gate?: (method: Method) => Result<never> | null;
}

export function createRouter(handlers: Handlers, options: RouterOptions = {}): Router {
  const report =
    options.onUnexpectedError ??
    ((method, error) => console.error(`[attune] ${method} failed unexpectedly:`, error));

  return {
    methods,
    async call(method, input) {
      if (!isMethod(method)) {
        return fail('invalid-input', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}.`);
      }
      const refused = options.gate?.(method);
      if (refused) return refused;
      const parsed = contract[method].input.safeParse(input);
      if (!parsed.success) {
        return fail('invalid-input', describeIssues(parsed.error.issues));
      }
      try {
        // The map type guarantees handlers[method] accepts this method's parsed input.
        const handler = handlers[method] as (value: unknown) => unknown;
        return ok(await handler(parsed.data));
      } catch (error) {
        if (error instanceof AttuneError) return fail(error.kind, error.message);
        report(method, error);
        return fail('internal', 'Something went wrong inside Attune. Your saved data is unchanged; try again.');
      }
    },
  };
}

