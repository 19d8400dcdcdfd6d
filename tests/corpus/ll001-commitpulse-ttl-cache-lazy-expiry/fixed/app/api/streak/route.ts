import { NextResponse } from 'next/server';
import { fetchGitHubContributions } from '../../../lib/github';
import { calculateStreak } from '../../../lib/calculate';
import { generateSVG } from '../../../lib/svg/generator';

export async function GET(request: Request) {
  try {
    const { searchParams } = new URL(request.url);
    const user = searchParams.get('user');

    if (!user) {
      return new NextResponse('Missing "user" parameter', { status: 400 });
    }

    const calendar = await fetchGitHubContributions(user);
    const svg = generateSVG(calculateStreak(calendar), { user, theme: searchParams.get('theme') || 'dark' });

    return new NextResponse(svg, {
      headers: { 'Content-Type': 'image/svg+xml', 'Cache-Control': 'public, max-age=300' },
    });
  } catch (error) {
    return new NextResponse(error instanceof Error ? error.message : 'Internal error', { status: 500 });
  }
}
