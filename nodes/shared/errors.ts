import { NodeOperationError, type IExecuteSingleFunctions } from 'n8n-workflow';

/**
 * Input that a rule refuses before any request is sent. Pure helpers throw it; hooks turn it into a
 * NodeOperationError bound to the node and the item.
 */
export class InputError extends Error {
	constructor(
		message: string,
		readonly description: string,
	) {
		super(message);
		this.name = 'InputError';
	}
}

export function refuseInput<T>(context: IExecuteSingleFunctions, check: () => T): T {
	try {
		return check();
	} catch (error) {
		const itemIndex = context.getItemIndex();
		if (error instanceof InputError) {
			throw new NodeOperationError(context.getNode(), error.message, {
				description: error.description,
				itemIndex,
			});
		}
		throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
	}
}
