import { FakeCallAidan } from './callAidan';
import { FakeGuayaba } from './guayaba';
import { FakeQyvo, QYVO_BASE_PATH } from './qyvo';

export interface Sandbox {
	guayaba: FakeGuayaba;
	callAidan: FakeCallAidan;
	qyvo: FakeQyvo;
	baseUrls: { guayaba: string; callAidan: string; qyvo: string };
	stop(): Promise<void>;
}

export const SANDBOX_PORTS = { guayaba: 5701, callAidan: 5702, qyvo: 5703 };

/** Guayaba, CallAidan and Qyvo as their docs describe them, each on its own loopback port. */
export async function startSandbox(ports = SANDBOX_PORTS): Promise<Sandbox> {
	const guayaba = await new FakeGuayaba().start(ports.guayaba);
	const callAidan = await new FakeCallAidan().start(ports.callAidan);
	const qyvo = await new FakeQyvo().start(ports.qyvo);
	return {
		guayaba,
		callAidan,
		qyvo,
		baseUrls: {
			guayaba: guayaba.url,
			callAidan: callAidan.url,
			qyvo: `${qyvo.url}${QYVO_BASE_PATH}`,
		},
		async stop() {
			await Promise.all([guayaba.stop(), callAidan.stop(), qyvo.stop()]);
		},
	};
}
