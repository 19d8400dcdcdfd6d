import { Service } from '@n8n/di';

type Listener = (message: { type: string; [k: string]: unknown }) => void;

@Service()
export class TaskBroker {
	private requesters = new Map<string, Listener>();

	registerRequester(id: string, listener: Listener) {
		this.requesters.set(id, listener);
	}

	async onRequesterMessage(id: string, message: { type: string; [k: string]: unknown }) {
		this.requesters.get(id)?.({ ...message, type: 'broker:ack' });
	}
}
