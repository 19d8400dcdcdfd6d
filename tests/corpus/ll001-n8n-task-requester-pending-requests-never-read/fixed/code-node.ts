import { Container } from '@n8n/di';
import { LocalTaskRequester } from './local-task-requester';

export class Code {
	async execute(this: { getWorkflow(): unknown; getExecutionData(): unknown; getInputData(): unknown }) {
		const requester = Container.get(LocalTaskRequester);
		return await requester.startTask('javascript', { code: 'return items' }, {
			workflow: this.getWorkflow(),
			runExecutionData: this.getExecutionData(),
			inputData: this.getInputData(),
		});
	}
}
