import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from 'pino';

/** Bolt and its Web API client log through Tansiq's logger (one format, one level). */
export function boltLogger(logger: Logger): BoltLogger {
  const text = (parts: unknown[]) => parts.map((part) => (typeof part === 'string' ? part : part instanceof Error ? part.message : JSON.stringify(part))).join(' ');
  let level = levelOf(logger.level);
  return {
    debug: (...parts) => logger.debug(text(parts)),
    info: (...parts) => logger.info(text(parts)),
    warn: (...parts) => logger.warn(text(parts)),
    error: (...parts) => logger.error(text(parts)),
    setLevel: (next) => (level = next),
    getLevel: () => level,
    setName: () => {},
  };
}

function levelOf(pinoLevel: string): LogLevel {
  if (pinoLevel === 'debug' || pinoLevel === 'trace') return LogLevel.DEBUG;
  if (pinoLevel === 'info') return LogLevel.INFO;
  if (pinoLevel === 'warn') return LogLevel.WARN;
  return LogLevel.ERROR;
}
