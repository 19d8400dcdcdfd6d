import { Service } from '@n8n/di';
import { nanoid } from 'nanoid';

export interface TaskData {
	workflow: unknown;
	runExecutionData: unknown;
	inputData: unknown;
}

export interface TaskRequest {
	requestId: string;
	taskType: string;
	settings: unknown;
	data: TaskData;
}

@Service()
export abstract class TaskRequester {
	requestAcceptRejects: Map<string, { accept: (taskId: string) => void; reject: (r: string) => void }> =
		new Map();

	taskAcceptRejects: Map<string, { accept: (data: unknown) => void; reject: (e: unknown) => void }> =
		new Map();

	async startTask(taskType: string, settings: unknown, data: TaskData): Promise<unknown> {
		const request: TaskRequest = {
			requestId: nanoid(),
			taskType,
			settings,
			data,
		};

		const taskIdPromise = new Promise<string>((resolve, reject) => {
			this.requestAcceptRejects.set(request.requestId, { accept: resolve, reject });
		});

		this.sendMessage({ type: 'requester:taskrequest', requestId: request.requestId, taskType });

		const taskId = await taskIdPromise;

		try {
			const dataPromise = new Promise<unknown>((resolve, reject) => {
				this.taskAcceptRejects.set(taskId, { accept: resolve, reject });
			});
			this.sendMessage({ type: 'requester:tasksettings', taskId, settings });
			return await dataPromise;
		} finally {
			this.taskAcceptRejects.delete(taskId);
		}
	}

	abstract sendMessage(message: { type: string; [k: string]: unknown }): void;

	taskReady(requestId: string, taskId: string) {
		const acceptReject = this.requestAcceptRejects.get(requestId);
		if (!acceptReject) return;
		acceptReject.accept(taskId);
		this.requestAcceptRejects.delete(requestId);
	}

	taskDone(taskId: string, data: unknown) {
		const acceptReject = this.taskAcceptRejects.get(taskId);
		if (acceptReject) {
			acceptReject.accept(data);
			this.taskAcceptRejects.delete(taskId);
		}
	}
}
