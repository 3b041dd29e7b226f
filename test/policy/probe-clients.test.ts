/**
 * Exec probes' store clients (src/policy/probe-clients.ts): the port they dial on their own pod,
 * and the ports the container's server listens on by its own flags.
 */
import { describe, expect, it } from 'vitest';
import { execProbePort, serverPorts } from '../../src/policy/probe-clients.js';

describe('the port an exec probe dials on its own pod', () => {
  it.each([
    ['mongosh --port', ['mongosh', '--port', '27018', '--eval', 'db.adminCommand("ping")'], 27018],
    ['mongo --port=', ['mongo', '--port=27019', '--eval', 'quit()'], 27019],
    ['mongo --host localhost:N', ['mongo', '--host', 'localhost:27020', '--eval', 'quit()'], 27020],
    ['a mongodb:// URI on loopback', ['mongosh', 'mongodb://127.0.0.1:27021/admin', '--eval', '1'], 27021],
    ['in a shell script', ['sh', '-c', 'mongosh --quiet --port 27022 --eval "db.hello().ok" | grep -q 1'], 27022],
    ['redis-cli -p', ['redis-cli', '-p', '6380', 'ping'], 6380],
    ['etcdctl --endpoints', ['etcdctl', '--endpoints=http://127.0.0.1:2381', 'endpoint', 'health'], 2381],
    ['no port: the client default', ['mongo', '--eval', 'db.adminCommand("ping")'], 27017],
    ['etcdctl without endpoints', ['etcdctl', 'endpoint', 'health'], undefined],
    ['another host', ['mongosh', '--host', 'mongodb-0.mongodb', '--port', '27018', '--eval', '1'], undefined],
    ['another program', ['nc', '-z', 'localhost', '9999'], undefined],
  ] as const)('%s', (_name, command, expected) => {
    expect(execProbePort({ command })).toBe(expected);
  });
});

describe("the ports a store's own flags give it", () => {
  it.each([
    ['mongod by the image entrypoint', { image: 'mongo:4.4.29', args: ['--replSet', 'rs0'] }, []],
    ['mongod --port', { image: 'mongo:4.4.29', args: ['--port', '27018'] }, [27018]],
    ['mongod --shardsvr', { image: 'mongo:4.4.29', command: ['mongod', '--shardsvr'] }, [27018]],
    ['mongod with a config file', { image: 'mongo:4.4.29', args: ['--config', '/etc/mongod.conf'] }, undefined],
    ['mongod in a shell script', { image: 'mongo:4.4.29', command: ['sh', '-c', 'exec mongod --port 27018'] }, undefined],
    ['redis-server --port', { image: 'redis:7.2', command: ['redis-server', '--port', '6380'] }, [6380]],
    ['etcd listen URLs', { image: 'bitnamilegacy/etcd:3.5.17', command: ['etcd', '--listen-client-urls=http://0.0.0.0:2379', '--listen-peer-urls=http://0.0.0.0:2380'] }, [2379, 2380]],
    ['an st2 service', { image: 'stackstorm/st2api:3.8.1', command: ['/opt/stackstorm/st2/bin/st2api', '--config-file=/etc/st2/st2.conf'] }, []],
  ] as const)('%s', (_name, container, expected) => {
    expect(serverPorts(container)).toEqual(expected);
  });
});
