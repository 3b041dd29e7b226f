import { describe, expect, it } from 'vitest';
import { rabbitCommandLineConfig } from '../../src/policy/erl-args.js';

describe("rabbitCommandLineConfig: -rabbit parameters on a RabbitMQ node's erl command line", () => {
  it.each<[string, Record<string, string>, string | undefined]>([
    ['a watermark', { RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-rabbit vm_memory_high_watermark 0.0' }, '[{rabbit, [{vm_memory_high_watermark, 0.0}]}].'],
    ['two parameters and a scheduler flag', { RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '+S 1:1 -rabbit disk_free_limit 2147483648 -rabbit vm_memory_high_watermark 0.6' }, '[{rabbit, [{disk_free_limit, 2147483648}, {vm_memory_high_watermark, 0.6}]}].'],
    ['a quoted string and a tuple', { RABBITMQ_SERVER_START_ARGS: '-rabbit disk_free_limit "2GB" -rabbit vm_memory_high_watermark {absolute, 1024}' }, '[{rabbit, [{disk_free_limit, "2GB"}, {vm_memory_high_watermark, {absolute, 1024}}]}].'],
    ['every erl reads ERL_ZFLAGS', { ERL_ZFLAGS: '-rabbit disk_free_limit {mem_relative, 1.5}' }, '[{rabbit, [{disk_free_limit, {mem_relative, 1.5}}]}].'],
    ['another application', { RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '-kernel inet_dist_listen_min 25672' }, undefined],
    ['scheduler flags only', { RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS: '+S 2:2 +sbwt none' }, undefined],
    ['a variable no erl reads', { RABBITMQ_ARGS: '-rabbit vm_memory_high_watermark 0.0' }, undefined],
  ])('%s', (_name, env, expected) => {
    expect(rabbitCommandLineConfig(new Map(Object.entries(env)))).toBe(expected);
  });
});
