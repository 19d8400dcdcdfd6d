import { useEffect, useRef, useState } from 'react';
import { atom, useAtomValue, useSetAtom } from 'jotai';
import { User, UserManager } from 'oidc-client-ts';
import { clusterAtom } from './clusterAtom';

type AuthDataState = { token: string } | null;

export const authDataAtom = atom<AuthDataState>(null);

function createUserManager(issuerUrl: string, clientId: string) {
  return new UserManager({
    authority: issuerUrl,
    client_id: clientId,
    redirect_uri: window.location.origin,
    response_type: 'code',
  });
}

async function handleLogin({
  issuerUrl,
  clientId,
  setAuth,
  onAfterLogin,
}: {
  issuerUrl: string;
  clientId: string;
  setAuth: (auth: AuthDataState) => void;
  onAfterLogin: () => void;
}): Promise<() => void> {
  const setupVisibilityEventsHooks = (userManager: UserManager, user: User | null): (() => void) => {
    const handler = async () => {
      if (document.visibilityState === 'visible') {
        if (!!user?.expired || (user?.expires_in && user.expires_in <= 5)) {
          try {
            user = await userManager.signinSilent();
            setAuth({ token: user?.id_token ?? '' });
          } catch (e) {
            setAuth(null);
          }
        }
      }
    };
    document.addEventListener('visibilitychange', handler);
    return () => document.removeEventListener('visibilitychange', handler);
  };

  const userManager = createUserManager(issuerUrl, clientId);
  const storedUser = await userManager.getUser();
  const user =
    storedUser && !storedUser.expired
      ? storedUser
      : await userManager.signinRedirectCallback(window.location.href);
  setAuth({ token: user.id_token ?? '' });
  const cleanupVisibility = setupVisibilityEventsHooks(userManager, user);
  onAfterLogin();
  return cleanupVisibility;
}

export function useAuthHandler() {
  const cluster = useAtomValue(clusterAtom);
  const setAuth = useSetAtom(authDataAtom);
  const [isLoading, setIsLoading] = useState(true);
  const prevClusterRef = useRef<typeof cluster>(null);
  const cleanupVisibilityRef = useRef<(() => void) | null>(null);

  useEffect(() => {
    if (!cluster) {
      setAuth(null);
      setIsLoading(false);
      return;
    }
    if (prevClusterRef.current === cluster) return;
    prevClusterRef.current = cluster;

    cleanupVisibilityRef.current?.();
    cleanupVisibilityRef.current = null;

    handleLogin({
      issuerUrl: cluster.oidc.issuerUrl,
      clientId: cluster.oidc.clientId,
      setAuth,
      onAfterLogin: () => setIsLoading(false),
    }).then((cleanup) => {
      cleanupVisibilityRef.current = cleanup;
    });
  }, [cluster]);

  useEffect(() => {
    return () => {
      cleanupVisibilityRef.current?.();
    };
  }, []);

  return { isLoading };
}
