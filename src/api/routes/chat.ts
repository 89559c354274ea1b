/**
 * Chat: `POST /v1/chat` answers a message within a session (created when absent) so follow-up
 * questions inherit the documents and topic of the previous turn; `GET /v1/chat/:session`
 * returns the session with its history. With `Accept: text/event-stream` the answer streams as
 * server-sent events: `token` (text deltas), then `answer` (the full Answer with citations),
 * then `done`; a failure after the stream started arrives as `event: error` with `{code, message}`.
 */
import { z } from 'zod';
import { REQUESTED_MODES } from '../../answer/types.js';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ChatSession } from '../../answer/types.js';
import { errorBody } from '../errors.js';
import { abortOnDisconnect, startEventStream } from '../sse.js';
import { chatSessionSchema } from '../schemas/chat.js';
import { docIdSchema, errorSchema, questionSchema } from '../schemas/common.js';
import { answerSchema } from '../schemas/query.js';

const sessionId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9-]+$/, 'must be a session id');

export const chatBodySchema = z.object({
  session: sessionId.optional().describe('Session id from an earlier reply; a new session is created when absent'),
  message: questionSchema.describe('The question or follow-up, e.g. 进展情况什么时候报送？'),
  docIds: z.array(docIdSchema).max(50).optional().describe('Restrict to these documents'),
  mode: z
    .enum(REQUESTED_MODES)
    .optional()
    .describe('`auto` (default): the LLM when one is configured, the extractive answer if it fails; `llm`: fail with LLM_* codes instead'),
});

/** True when the client asked for server-sent events. */
export function wantsEventStream(accept: string | undefined): boolean {
  return /\btext\/event-stream\b/i.test(accept ?? '');
}

/** Chat routes (mounted under /v1). */
export const chatRoutes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/chat',
    {
      schema: {
        summary: 'Ask within a chat session (JSON, or server-sent events with Accept: text/event-stream)',
        description:
          'SSE events: `token` {text} deltas, `answer` {session, answer}, `done` {session}; on failure `error` {code, message}. Tokens are provisional (an LLM answer is verified only when complete, and `auto` may fall back to the extractive answer): the `answer` event replaces them. The session id is also in the `x-session-id` header.',
        tags: ['questions'],
        body: chatBodySchema,
        response: {
          200: z.union([z.object({ session: chatSessionSchema, answer: answerSchema }), z.string().describe('text/event-stream')]),
          400: errorSchema,
          404: errorSchema,
          429: errorSchema,
          502: errorSchema,
          503: errorSchema,
          504: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const ws = app.workspace;
      // Resolve the session before answering, so an unknown id is a plain 404, not a stream error.
      const session: ChatSession = request.body.session ? ws.getSession(request.body.session) : ws.createSession();
      const { message, docIds, mode } = request.body;
      const signal = abortOnDisconnect(reply);
      reply.header('x-session-id', session.id);

      if (!wantsEventStream(request.headers.accept)) {
        const answer = await ws.ask(message, { session, docIds, mode, signal });
        // An aborted chat leaves no session (a new one) and no half turn (an existing one).
        if (!signal.aborted) ws.saveSession(session);
        return { session, answer };
      }

      const events = startEventStream(reply);
      void (async () => {
        try {
          const answer = await ws.ask(message, { session, docIds, mode, signal, onToken: (text) => events.send('token', { text }) });
          if (signal.aborted) return;
          ws.saveSession(session);
          events.send('answer', { session: session.id, answer });
          events.send('done', { session: session.id });
        } catch (err) {
          if (!signal.aborted) {
            const body = errorBody(err);
            if (body.code === 'INTERNAL') request.log.error({ err }, 'chat stream failed');
            events.send('error', body);
          }
        } finally {
          events.end();
        }
      })();
      return reply;
    },
  );

  app.get(
    '/chat/:session',
    {
      schema: {
        summary: 'A chat session with its history',
        tags: ['questions'],
        params: z.object({ session: sessionId }),
        response: { 200: chatSessionSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => app.workspace.getSession(request.params.session),
  );
};
