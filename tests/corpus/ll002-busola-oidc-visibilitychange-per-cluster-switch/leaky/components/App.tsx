import { useAuthHandler } from '../state/authDataAtom';

export default function App() {
  const { isLoading } = useAuthHandler();
  if (isLoading) return <div>Loading…</div>;
  return <main id="busola" />;
}
