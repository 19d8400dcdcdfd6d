import * as React from "react";
import { useId } from "@reach/auto-id";
import { getOwnerDocument } from "@reach/utils";

const MOUSE_REST_TIMEOUT = 100;
const LEAVE_TIMEOUT = 500;

enum TooltipStates {
	Idle = "IDLE",
	Focused = "FOCUSED",
	Visible = "VISIBLE",
	LeavingVisible = "LEAVING_VISIBLE",
}

type MachineEvent = { type: string; id?: string | null };
type StateObject = { value: TooltipStates; context: { id: string | null } };

const chart: Record<string, { enter?: () => void; leave?: () => void; on: Record<string, TooltipStates> }> = {
	[TooltipStates.Idle]: { on: { MOUSE_ENTER: TooltipStates.Focused } },
	[TooltipStates.Focused]: {
		enter: startRestTimer,
		leave: clearRestTimer,
		on: { REST: TooltipStates.Visible, MOUSE_LEAVE: TooltipStates.Idle },
	},
	[TooltipStates.Visible]: { on: { MOUSE_LEAVE: TooltipStates.LeavingVisible, SELECT_WITH_KEYBOARD: TooltipStates.Idle } },
	[TooltipStates.LeavingVisible]: {
		enter: startLeavingVisibleTimer,
		leave: clearLeavingVisibleTimer,
		on: { MOUSE_ENTER: TooltipStates.Visible, TIME_COMPLETE: TooltipStates.Idle },
	},
};

let state: StateObject = { value: TooltipStates.Idle, context: { id: null } };

// Tooltips subscribe to the one shared state machine instead of a provider.
let subscriptions: Function[] = [];

function subscribe(fn: Function) {
	subscriptions.push(fn);
	return () => {
		subscriptions.splice(subscriptions.indexOf(fn), 1);
	};
}

function notify() {
	subscriptions.forEach((fn) => fn(state));
}

let restTimeout: number;

function startRestTimer() {
	window.clearTimeout(restTimeout);
	restTimeout = window.setTimeout(() => {
		send({ type: "REST" });
	}, MOUSE_REST_TIMEOUT);
}

function clearRestTimer() {
	window.clearTimeout(restTimeout);
}

let leavingVisibleTimer: number;

function startLeavingVisibleTimer() {
	window.clearTimeout(leavingVisibleTimer);
	leavingVisibleTimer = window.setTimeout(() => send({ type: "TIME_COMPLETE" }), LEAVE_TIMEOUT);
}

function clearLeavingVisibleTimer() {
	window.clearTimeout(leavingVisibleTimer);
}

function send(event: MachineEvent): void {
	const stateDef = chart[state.value];
	const nextState = stateDef.on[event.type];
	if (!nextState) return;
	stateDef.leave?.();
	state = { value: nextState, context: { ...state.context, id: event.id ?? state.context.id } };
	chart[nextState].enter?.();
	notify();
}

function isTooltipVisible(id: string) {
	return state.context.id === id && (state.value === TooltipStates.Visible || state.value === TooltipStates.LeavingVisible);
}

export function useTooltip<ElementType extends HTMLElement>({ id: idProp }: { id?: string } = {}) {
	let id = String(useId(idProp));
	let [isVisible, setIsVisible] = React.useState(isTooltipVisible(id));
	let ownRef = React.useRef<ElementType | null>(null);

	React.useEffect(() => {
		return subscribe(() => {
			setIsVisible(isTooltipVisible(id));
		});
	}, [id]);

	React.useEffect(() => {
		let ownerDocument = getOwnerDocument(ownRef.current)!;
		function listener(event: KeyboardEvent) {
			if ((event.key === "Escape" || event.key === "Esc") && state.value === TooltipStates.Visible) {
				send({ type: "SELECT_WITH_KEYBOARD" });
			}
		}
		ownerDocument.addEventListener("keydown", listener);
		return () => ownerDocument.removeEventListener("keydown", listener);
	}, []);

	const trigger = {
		ref: ownRef,
		onMouseEnter: () => send({ type: "MOUSE_ENTER", id }),
		onMouseLeave: () => send({ type: "MOUSE_LEAVE" }),
	};
	return [trigger, isVisible] as const;
}
