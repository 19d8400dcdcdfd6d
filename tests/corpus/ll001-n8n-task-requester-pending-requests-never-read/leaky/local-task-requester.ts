import { Service } from '@n8n/di';
import { TaskRequester } from './task-requester';
import { TaskBroker } from './task-broker';

@Service()
export class LocalTaskRequester extends TaskRequester {
	id = 'local-task-requester';

	constructor(private readonly taskBroker: TaskBroker) {
		super();
		this.taskBroker.registerRequester(this.id, (message) => this.onMessage(message));
	}

	onMessage(message: { type: string; requestId?: string; taskId?: string; data?: unknown }) {
		if (message.type === 'broker:taskready') this.taskReady(message.requestId!, message.taskId!);
		if (message.type === 'broker:taskdone') this.taskDone(message.taskId!, message.data);
	}

	sendMessage(message: { type: string; [k: string]: unknown }) {
		void this.taskBroker.onRequesterMessage(this.id, message);
	}
}
