#!/usr/bin/env node
import scaffold from "./commands/scaffold.js"

void scaffold({ name: process.argv[2] ?? "default" })
