const auditLog = [];

export default function audit(event) {
    auditLog.push({ event, at: Date.now() });
}
