// Answers for connections that never made a whole request (Node's 'clientError'): a slow-loris cut by the header or
// request timeout (408), headers over Node's size limit (431), malformed HTTP (400). Same error shape as every other
// answer; then the socket is closed.
import { STATUS_CODES } from 'node:http';
import { SluiceError } from '../core/errors.js';
import { errorBody } from './error-handler.js';
function clientErrorOf(code) {
    if (code === 'ERR_HTTP_REQUEST_TIMEOUT')
        return new SluiceError('HTTP_REQUEST_TIMEOUT');
    if (code === 'HPE_HEADER_OVERFLOW')
        return new SluiceError('HTTP_HEADERS_TOO_LARGE');
    return new SluiceError('HTTP_BAD_REQUEST', { reason: 'malformed HTTP request' });
}
export function clientErrorHandler(err, socket) {
    if (err.code === 'ECONNRESET' || socket.destroyed)
        return;
    const error = clientErrorOf(err.code);
    this.log.debug({ code: err.code, status: error.statusCode }, 'client error');
    if (socket.writable) {
        const body = JSON.stringify(errorBody(error));
        socket.write(`HTTP/1.1 ${error.statusCode} ${STATUS_CODES[error.statusCode]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n`
            + `Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`);
    }
    socket.destroy();
}
//# sourceMappingURL=client-error.js.map