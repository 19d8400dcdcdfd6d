const visits = [];

export function recordVisit(path) {
    visits.push(path);
}
