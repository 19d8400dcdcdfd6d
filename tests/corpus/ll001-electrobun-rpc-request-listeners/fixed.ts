type RPCTransport = {
	send?: (packet: any) => void;
	registerHandler?: (handler: (packet: any) => void) => void;
};

const MAX_ID = 1e10;
const DEFAULT_MAX_REQUEST_TIME = 1000;

export function createRPC(options: { transport: RPCTransport; maxRequestTime?: number }) {
	const { maxRequestTime = DEFAULT_MAX_REQUEST_TIME } = options;
	const transport = options.transport;

	let lastRequestId = 0;
	function getRequestId() {
		if (lastRequestId <= MAX_ID) return ++lastRequestId;
		return (lastRequestId = 0);
	}

	const requestListeners = new Map<
		number,
		{ resolve: (v: any) => void; reject: (e: Error) => void }
	>();
	const requestTimeouts = new Map<number, ReturnType<typeof setTimeout>>();

	function request(method: string, params?: unknown): Promise<any> {
		return new Promise((resolve, reject) => {
			const requestId = getRequestId();
			requestListeners.set(requestId, { resolve, reject });
			if (maxRequestTime !== Infinity)
				requestTimeouts.set(
					requestId,
					setTimeout(() => {
						requestTimeouts.delete(requestId);
						requestListeners.delete(requestId);
						reject(new Error("RPC request timed out."));
					}, maxRequestTime),
				);
			transport.send?.({ type: "request", id: requestId, method, params });
		});
	}

	function handler(message: any) {
		if (message.type === "response") {
			const timeout = requestTimeouts.get(message.id);
			if (timeout != null) clearTimeout(timeout);
			requestTimeouts.delete(message.id);
			const { resolve, reject } = requestListeners.get(message.id) ?? {};
			requestListeners.delete(message.id);
			if (!message.success) reject?.(new Error(message.error));
			else resolve?.(message.payload);
			return;
		}
	}

	transport.registerHandler?.(handler);
	return { request };
}
