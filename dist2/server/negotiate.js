// Content negotiation over the Accept header (RFC 9110 §12.5.1): quality values and wildcards, server order breaks ties.
function parseAccept(header) {
    const ranges = [];
    for (const part of header.split(',')) {
        const [range, ...params] = part.split(';');
        const [type, subtype] = (range ?? '').trim().toLowerCase().split('/');
        if (!type || !subtype)
            continue;
        let q = 1;
        for (const param of params) {
            const [name, value] = param.split('=').map((s) => s.trim());
            if (name === 'q')
                q = Math.min(1, Math.max(0, Number(value) || 0));
        }
        ranges.push({ type, subtype, q });
    }
    return ranges;
}
/** The quality the most specific matching range gives `media`; 0 when nothing matches. */
function quality(ranges, media) {
    const [type, subtype] = media.split('/');
    let best = -1;
    let q = 0;
    for (const r of ranges) {
        const specificity = r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
        if (specificity > best) {
            best = specificity;
            q = r.q;
        }
    }
    return q;
}
/** Picks the media type to answer with, or undefined when the client accepts none of `produces`. */
export function negotiate(accept, produces) {
    if (accept === undefined || accept.trim() === '' || accept === '*/*')
        return produces[0];
    const ranges = parseAccept(accept);
    if (ranges.length === 0)
        return produces[0];
    let chosen;
    let chosenQ = 0;
    for (const media of produces) {
        const q = quality(ranges, media);
        if (q > chosenQ) {
            chosen = media;
            chosenQ = q;
        }
    }
    return chosen;
}
//# sourceMappingURL=negotiate.js.map