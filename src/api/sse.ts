/**
 * Server-sent events over a fastify reply, and cancellation when the client goes away.
 * Events are `event: NAME` plus one `data:` line of JSON (JSON never contains a raw newline,
 * so one line is always enough).
 */
import { PassThrough } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** An abort signal that fires when the client disconnects before the response is finished. */
export function abortOnDisconnect(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  // The request's own 'close' fires as soon as its body is read; the response's tells us
  // whether the client hung up before we were done.
  reply.raw.once('close', () => {
    if (!reply.raw.writableFinished) controller.abort();
  });
  return controller.signal;
}

/** Formats one server-sent event. */
export function formatEvent(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export interface EventStream {
  send(event: string, data: unknown): void;
  end(): void;
}

/**
 * Starts an event stream as the reply (status 200, `text/event-stream`) and returns a writer.
 * Headers set on `reply` before (helmet, rate limit, CORS, custom) are kept.
 */
export function startEventStream(reply: FastifyReply): EventStream {
  const stream = new PassThrough();
  reply.code(200).type('text/event-stream; charset=utf-8').header('cache-control', 'no-cache, no-transform').header('x-accel-buffering', 'no').send(stream);
  let open = true;
  stream.on('close', () => (open = false));
  return {
    send(event, data) {
      if (open) stream.write(formatEvent(event, data));
    },
    end() {
      if (open) stream.end();
      open = false;
    },
  };
}

/** Parses a complete SSE payload into events (used by tests and the load script). */
export function parseEvents(text: string): { event: string; data: unknown }[] {
  const events: { event: string; data: unknown }[] = [];
  for (const block of text.split(/\r?\n\r?\n/)) {
    if (!block.trim()) continue;
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      if (line.startsWith('event:')) event = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
    }
    events.push({ event, data: data.length ? JSON.parse(data.join('\n')) : null });
  }
  return events;
}
