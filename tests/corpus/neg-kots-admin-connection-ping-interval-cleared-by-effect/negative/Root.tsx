import React, { useEffect, useReducer } from "react";
import { pingApi } from "./ping";

let interval: ReturnType<typeof setInterval> | undefined;

type State = { connectionTerminated: boolean; appSlugs: string };

const reducer = (state: State, patch: Partial<State>) => ({ ...state, ...patch });

const Root = () => {
  const [state, setState] = useReducer(reducer, { connectionTerminated: false, appSlugs: "" });

  const ping = async () => {
    const ok = await pingApi(state.appSlugs);
    setState({ connectionTerminated: !ok });
  };

  useEffect(() => {
    document.title = "Admin Console";
  }, []);

  useEffect(() => {
    if (state.connectionTerminated) {
      clearInterval(interval);
    } else {
      interval = setInterval(ping, 10000);
    }

    return () => {
      clearInterval(interval);
    };
  }, [state.connectionTerminated]);

  return <div className="root">{state.connectionTerminated ? "Disconnected" : "Connected"}</div>;
};

export { Root };
