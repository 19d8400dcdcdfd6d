import { recordVisit, visitCount } from '../../../lib/visits';

export async function GET(request: Request) {
  const page = new URL(request.url).searchParams.get('page') ?? '/';
  recordVisit(page);
  return Response.json({ count: visitCount() });
}
