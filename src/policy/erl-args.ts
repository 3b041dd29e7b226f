/**
 * Application parameters on an Erlang node's command line: `-Application
 * Key Value` (erl(1)) sets Key of Application's environment, over the value
 * its .app file and sys.config give. Whether rabbitmq.conf setting the same
 * key wins is not modelled: both are judged. RabbitMQ passes RABBITMQ_SERVER_ERL_ARGS, _ADDITIONAL_ERL_ARGS and
 * _START_ARGS to erl, and every erl reads ERL_AFLAGS, ERL_FLAGS and
 * ERL_ZFLAGS; `-rabbit disk_free_limit 2147483648` there is how many
 * deployments set RabbitMQ's limits.
 */

/** The environment variables whose words reach a RabbitMQ node's erl command line. */
export const ERL_ARG_VARS = ['ERL_AFLAGS', 'ERL_FLAGS', 'ERL_ZFLAGS', 'RABBITMQ_SERVER_ERL_ARGS', 'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS', 'RABBITMQ_SERVER_START_ARGS'] as const;

/** `-rabbit Key Value`: the value one Erlang term (a number, atom, quoted string, tuple or list without nesting of the same bracket). */
const RABBIT_PARAM = /(?:^|\s)-rabbit\s+([a-z_][a-z0-9_]*)\s+("[^"]*"|'[^']*'|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|\[[^\]]*\]|[^\s"'{[]+)/g;

/**
 * The `rabbit` parameters a container's environment puts on the node's
 * command line, written as advanced.config would (`[{rabbit, [{Key, Value}]}].`)
 * so the readers of RabbitMQ's config texts read them; undefined when there are none.
 */
export function rabbitCommandLineConfig(vars: ReadonlyMap<string, string>): string | undefined {
  const terms: string[] = [];
  for (const name of ERL_ARG_VARS) {
    const value = vars.get(name);
    if (value === undefined || !value.includes('-rabbit')) continue;
    for (const m of value.matchAll(RABBIT_PARAM)) terms.push(`{${m[1] ?? ''}, ${m[2] ?? ''}}`);
  }
  return terms.length === 0 ? undefined : `[{rabbit, [${terms.join(', ')}]}].`;
}
