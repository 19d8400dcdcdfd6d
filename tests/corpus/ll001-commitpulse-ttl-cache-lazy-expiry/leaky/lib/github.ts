import type { ContributionCalendar } from '../types';
import { TTLCache } from './cache';

interface GitHubRepo {
  stargazers_count: number;
  language: string | null;
}

interface GitHubUserProfile {
  login: string;
  name: string | null;
  public_repos: number;
  followers: number;
}

type FetchOptions = {
  bypassCache?: boolean;
};

export const GITHUB_CACHE_TTL_MS = 5 * 60 * 1000;

const contributionsCache = new TTLCache<ContributionCalendar>();
const profileCache = new TTLCache<GitHubUserProfile>();
const reposCache = new TTLCache<GitHubRepo[]>();

function cacheKey(kind: 'contributions' | 'profile' | 'repos', username: string): string {
  return `${kind}:${username.toLowerCase()}`;
}

export function clearGitHubApiCacheForTests(): void {
  contributionsCache.clear();
  profileCache.clear();
  reposCache.clear();
}

const getHeaders = () => ({
  Authorization: `bearer ${process.env.GITHUB_PAT || process.env.GITHUB_TOKEN}`,
  'Content-Type': 'application/json',
});

async function githubJson(url: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(url, { ...init, headers: getHeaders(), cache: 'no-store' });
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    throw new Error(`GitHub API returned status ${res.status}`);
  }
  return body;
}

export async function fetchGitHubContributions(username: string, options: FetchOptions = {}): Promise<ContributionCalendar> {
  const key = cacheKey('contributions', username);

  if (!options.bypassCache) {
    const cached = contributionsCache.get(key);
    if (cached) return cached;
  }

  const data = await githubJson('https://api.github.com/graphql', {
    method: 'POST',
    body: JSON.stringify({ query: CONTRIBUTIONS_QUERY, variables: { login: username } }),
  });
  if (!data.data.user) {
    throw new Error(`GitHub user "${username}" not found`);
  }

  const calendar = data.data.user.contributionsCollection.contributionCalendar;
  if (!options.bypassCache) {
    contributionsCache.set(key, calendar, GITHUB_CACHE_TTL_MS);
  }
  return calendar;
}

export async function fetchUserProfile(username: string, options: FetchOptions = {}): Promise<GitHubUserProfile> {
  const key = cacheKey('profile', username);

  if (!options.bypassCache) {
    const cached = profileCache.get(key);
    if (cached) return cached;
  }

  const profile = (await githubJson(`https://api.github.com/users/${username}`)) as GitHubUserProfile;
  if (!options.bypassCache) {
    profileCache.set(key, profile, GITHUB_CACHE_TTL_MS);
  }
  return profile;
}

export async function fetchUserRepos(username: string, options: FetchOptions = {}): Promise<GitHubRepo[]> {
  const key = cacheKey('repos', username);

  if (!options.bypassCache) {
    const cached = reposCache.get(key);
    if (cached) return cached;
  }

  const repos = (await githubJson(`https://api.github.com/users/${username}/repos?per_page=100`)) as GitHubRepo[];
  if (!options.bypassCache) {
    reposCache.set(key, repos, GITHUB_CACHE_TTL_MS);
  }
  return repos;
}

const CONTRIBUTIONS_QUERY = `
  query($login: String!) {
    user(login: $login) {
      contributionsCollection { contributionCalendar { totalContributions weeks { contributionDays { contributionCount date } } } }
    }
  }
`;
