import { resolveLocalProvider } from './localLlmProviders.js';

function extractStreamDelta(rawLine) {
  const line = rawLine.trim();
  if (!line.startsWith('data:')) return null;
  const payload = line.slice(5).trim();
  if (payload === '[DONE]') return null;
  return JSON.parse(payload).choices?.[0]?.delta || null;
}

async function streamChatCompletion({ provider, modelId, prompt, signal, onChunk }) {
  const response = await fetch(`${provider.endpoint}/chat/completions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    signal,
    body: JSON.stringify({ model: modelId, messages: [{ role: 'user', content: prompt }], stream: true }),
  });
  if (!response.ok) {
    const body = await response.text().catch(() => '');
    throw new Error(`Provider returned ${response.status}: ${body || response.statusText}`);
  }

  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let output = '';

  const consumeLine = async (rawLine) => {
    const delta = extractStreamDelta(rawLine);
    if (!delta?.content) return;
    output += delta.content;
    await onChunk(delta.content);
  };

  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    const lines = buffer.split('\n');
    buffer = lines.pop() || '';
    for (const line of lines) await consumeLine(line);
  }
  if (buffer.trim()) await consumeLine(buffer);
  return output;
}

export async function runLocalLlmTest({ backend, modelId, prompt, signal, onToken }) {
  const provider = await resolveLocalProvider(backend);
  const startedAt = Date.now();
  let firstChunkAt = null;
  const text = await streamChatCompletion({
    provider,
    modelId,
    prompt,
    signal,
    onChunk: (chunk) => {
      if (!firstChunkAt && chunk) firstChunkAt = Date.now();
      if (chunk) return onToken?.(chunk);
      return undefined;
    },
  });
  return { backend, modelId, text, timings: { startedAt, firstChunkAt, endedAt: Date.now() } };
}
