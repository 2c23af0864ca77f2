/* eslint-disable @n8n/community-nodes/no-restricted-globals -- a command-line program, never loaded by n8n */
import { startSandbox } from './main';

void startSandbox().then((sandbox) => {
	process.stdout.write(
		`Sandbox APIs on loopback:\n  Guayaba    ${sandbox.baseUrls.guayaba}\n  CallAidan  ${sandbox.baseUrls.callAidan}\n  Qyvo       ${sandbox.baseUrls.qyvo}\n`,
	);
	const stop = () => void sandbox.stop().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
});
