// A small element builder: text always goes in as text, never as HTML, since names and messages come
// from devices and configuration files.

export function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const name in attributes || {}) {
        const value = attributes[name];
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name === "dataset") {
            Object.assign(element.dataset, value);
        } else if (name.startsWith("on")) {
            element.addEventListener(name.substring(2), value);
        } else {
            element.setAttribute(name, value === true ? "" : String(value));
        }
    }
    append(element, children);
    return element;
}

function append(element, children) {
    for (const child of children) {
        if (child === undefined || child === null || child === false) {
            continue;
        }
        if (Array.isArray(child)) {
            append(element, child);
        } else {
            element.append(child instanceof Node ? child : String(child));
        }
    }
}

export function replaceChildren(element, ...children) {
    element.replaceChildren();
    append(element, children);
}
