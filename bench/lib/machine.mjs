// What machine the numbers come from.
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { NODE } from './native.mjs';

function osName() {
  try {
    const m = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (m) return `${m[1]} (${os.type()} ${os.release()})`;
  } catch {
    // not Linux
  }
  return `${os.type()} ${os.release()}`;
}

export function describeMachine({ chromium }) {
  let referenceNode = '';
  try {
    referenceNode = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    referenceNode = 'unknown';
  }
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: osName(),
    node: process.version,
    referenceNode,
    chromium,
    loadAverage: os.loadavg().map((x) => Math.round(x * 10) / 10),
    date: new Date().toISOString(),
  };
}
