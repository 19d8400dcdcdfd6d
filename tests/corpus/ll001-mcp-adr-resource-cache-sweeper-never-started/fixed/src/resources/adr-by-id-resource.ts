import { resourceCache } from './resource-cache.js';
import { discoverAdrsInDirectory } from '../utils/adr-discovery.js';

export interface ResourceGenerationResult {
  data: any;
  contentType: string;
  cacheKey: string;
  ttl: number;
}

export async function generateAdrByIdResource(
  params: Record<string, string>,
  searchParams: URLSearchParams
): Promise<ResourceGenerationResult> {
  const id = params['id'];
  if (!id) throw new Error('Missing required parameter: id');

  const cacheKey = `adr:${id}`;
  const cached = await resourceCache.get<ResourceGenerationResult>(cacheKey);
  if (cached) return cached;

  const projectPath = searchParams.get('projectPath') || process.cwd();
  const discovery = await discoverAdrsInDirectory(`${projectPath}/docs/adrs`, projectPath);
  const adr = discovery.adrs.find((a: any) => a.filename.includes(id));
  if (!adr) throw new Error(`ADR not found: ${id}`);

  const result: ResourceGenerationResult = {
    data: adr,
    contentType: 'application/json',
    cacheKey,
    ttl: 300,
  };
  resourceCache.set(cacheKey, result, result.ttl);
  return result;
}
