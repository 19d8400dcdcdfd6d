import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import { type CliOptions, runCli } from 'repomix';
import type { PackOptions, PackResult } from '../../types.js';
import { generateCacheKey } from './utils/cache.js';
import { cache } from './utils/sharedInstance.js';

export async function processRemoteRepo(repoUrl: string, format: string, options: PackOptions): Promise<PackResult> {
  const cacheKey = generateCacheKey(repoUrl, format, options, 'url');

  const cachedResult = await cache.get(cacheKey);
  if (cachedResult) {
    return cachedResult;
  }

  const outputFilePath = `repomix-output-${randomUUID()}.txt`;
  const cliOptions = { remote: repoUrl, output: outputFilePath, style: format, quiet: true } as CliOptions;

  try {
    const result = await runCli(['.'], process.cwd(), cliOptions);
    if (!result) {
      throw new Error('Remote action failed to return a result');
    }
    const content = await fs.readFile(outputFilePath, 'utf-8');
    const packResultData: PackResult = {
      content,
      format,
      metadata: { repository: repoUrl, timestamp: new Date().toISOString() },
    };

    await cache.set(cacheKey, packResultData);
    return packResultData;
  } finally {
    await fs.unlink(outputFilePath).catch(() => undefined);
  }
}
