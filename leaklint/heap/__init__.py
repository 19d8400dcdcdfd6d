"""`leaklint heap`: diff two V8 heap snapshots and tie what grew to the source and the static findings.

reader (streaming .heapsnapshot parser) → graph (columns, dominators,
distances, retainer paths) → diff (growing groups, Node.js lines) →
sources (closure locations → files) → crossref (static findings) → report.
"""
