/**
 * `os`: a Linux x64 machine as seen from a Verklet process.
 * https://nodejs.org/api/os.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

const env = () => ((globalThis as any).process?.env ?? {}) as Record<string, string>;

export const EOL = '\n';
export const devNull = '/dev/null';

export const constants = {
  UV_UDP_REUSEADDR: 4,
  dlopen: { RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 },
  errno: {"E2BIG":7,"EACCES":13,"EADDRINUSE":98,"EADDRNOTAVAIL":99,"EAFNOSUPPORT":97,"EAGAIN":11,"EALREADY":114,"EBADF":9,"EBADMSG":74,"EBUSY":16,"ECANCELED":125,"ECHILD":10,"ECONNABORTED":103,"ECONNREFUSED":111,"ECONNRESET":104,"EDEADLK":35,"EDESTADDRREQ":89,"EDOM":33,"EDQUOT":122,"EEXIST":17,"EFAULT":14,"EFBIG":27,"EHOSTUNREACH":113,"EIDRM":43,"EILSEQ":84,"EINPROGRESS":115,"EINTR":4,"EINVAL":22,"EIO":5,"EISCONN":106,"EISDIR":21,"ELOOP":40,"EMFILE":24,"EMLINK":31,"EMSGSIZE":90,"EMULTIHOP":72,"ENAMETOOLONG":36,"ENETDOWN":100,"ENETRESET":102,"ENETUNREACH":101,"ENFILE":23,"ENOBUFS":105,"ENODATA":61,"ENODEV":19,"ENOENT":2,"ENOEXEC":8,"ENOLCK":37,"ENOLINK":67,"ENOMEM":12,"ENOMSG":42,"ENOPROTOOPT":92,"ENOSPC":28,"ENOSR":63,"ENOSTR":60,"ENOSYS":38,"ENOTCONN":107,"ENOTDIR":20,"ENOTEMPTY":39,"ENOTSOCK":88,"ENOTSUP":95,"ENOTTY":25,"ENXIO":6,"EOPNOTSUPP":95,"EOVERFLOW":75,"EPERM":1,"EPIPE":32,"EPROTO":71,"EPROTONOSUPPORT":93,"EPROTOTYPE":91,"ERANGE":34,"EROFS":30,"ESPIPE":29,"ESRCH":3,"ESTALE":116,"ETIME":62,"ETIMEDOUT":110,"ETXTBSY":26,"EWOULDBLOCK":11,"EXDEV":18},
  signals: {"SIGHUP":1,"SIGINT":2,"SIGQUIT":3,"SIGILL":4,"SIGTRAP":5,"SIGABRT":6,"SIGIOT":6,"SIGBUS":7,"SIGFPE":8,"SIGKILL":9,"SIGUSR1":10,"SIGSEGV":11,"SIGUSR2":12,"SIGPIPE":13,"SIGALRM":14,"SIGTERM":15,"SIGCHLD":17,"SIGSTKFLT":16,"SIGCONT":18,"SIGSTOP":19,"SIGTSTP":20,"SIGTTIN":21,"SIGTTOU":22,"SIGURG":23,"SIGXCPU":24,"SIGXFSZ":25,"SIGVTALRM":26,"SIGPROF":27,"SIGWINCH":28,"SIGIO":29,"SIGPOLL":29,"SIGPWR":30,"SIGSYS":31},
  priority: {"PRIORITY_LOW":19,"PRIORITY_BELOW_NORMAL":10,"PRIORITY_NORMAL":0,"PRIORITY_ABOVE_NORMAL":-7,"PRIORITY_HIGH":-14,"PRIORITY_HIGHEST":-20},
};

const bootTime = Date.now();
const cores = () => Math.max(1, (globalThis as any).navigator?.hardwareConcurrency ?? 1);

export function arch(): string { return 'x64'; }
export function platform(): string { return 'linux'; }
export function type(): string { return 'Linux'; }
export function release(): string { return '6.0.0-verklet'; }
export function version(): string { return '#1 SMP Verklet'; }
export function machine(): string { return 'x86_64'; }
export function endianness(): string { return 'LE'; }
export function hostname(): string { return env().HOSTNAME ?? 'localhost'; }
export function homedir(): string { return env().HOME ?? '/home/user'; }
export function tmpdir(): string {
  const t = env().TMPDIR ?? env().TMP ?? env().TEMP ?? '/tmp';
  return t.length > 1 && t.endsWith('/') ? t.slice(0, -1) : t;
}
export function uptime(): number { return Math.floor((Date.now() - bootTime) / 1000) + 1; }
export function loadavg(): number[] { return [0, 0, 0]; }
export function totalmem(): number { return 4 * 1024 ** 3; }
export function freemem(): number { return 2 * 1024 ** 3; }
export function availableParallelism(): number { return cores(); }
export function cpus(): object[] {
  return Array.from({ length: cores() }, () => ({ model: 'Browser CPU', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } }));
}
export function networkInterfaces(): Record<string, object[]> {
  return { lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }] };
}
export function userInfo(): object {
  return { uid: 1000, gid: 1000, username: env().USER ?? 'user', homedir: homedir(), shell: env().SHELL ?? '/bin/sh' };
}
export function getPriority(): number { return 0; }
export function setPriority(): void {}

export default {
  arch, availableParallelism, cpus, endianness, freemem, getPriority, homedir, hostname, loadavg, networkInterfaces,
  platform, release, setPriority, tmpdir, totalmem, type, userInfo, uptime, version, machine, constants, EOL, devNull,
};
