import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** Whether the node runs as an AI Agent's tool: n8n gives its tool variant the type `<node>Tool`. */
function runsAsTool(error: NodeApiError | NodeOperationError): boolean {
	return error.node.type.endsWith('Tool');
}

/**
 * The error a node run fails with. Run as a tool, n8n appends the description to the message
 * ("Details: …") and keeps the description as well, so that the editor would show the fix twice
 * and the agent would read it under a label: there the fix goes into the message, once.
 */
export function asThrown<E extends NodeApiError | NodeOperationError>(error: E): E {
	if (!runsAsTool(error) || !error.description) return error;
	error.message = `${error.message}\n\n${error.description}`;
	error.description = undefined;
	return error;
}
