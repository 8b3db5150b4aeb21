/** The inbox's stylesheet (served as /inbox/static/inbox.css: `style-src 'self'`, nothing inline). */
export const INBOX_CSS = `
:root{--ink:#1d2127;--muted:#5b6370;--line:#dfe3e8;--bg:#f6f7f9;--panel:#fff;--accent:#1f5fbf;
--l3:#b42318;--l3bg:#fdecea;--l2:#8a5300;--l2bg:#fff4e0;--l1:#36506e;--l1bg:#e9eef5;--ok:#1d6b3a;--okbg:#e7f4ec}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--accent)}
.top{display:flex;align-items:center;gap:16px;padding:8px 20px;background:#1d2733;color:#fff}
.top a{color:#fff}
.logo{font-weight:600;text-decoration:none;font-size:15px}
.lang{display:flex;gap:6px;margin-left:auto}
.lang a{font-size:12px;text-decoration:none;padding:2px 6px;border-radius:4px;color:#dfe6ee}
.lang a[aria-current]{background:#3a4a5e;color:#fff}
.who{display:flex;gap:10px;align-items:center;font-size:13px}
button.link{background:none;border:0;color:#fff;text-decoration:underline;cursor:pointer;font:inherit;padding:0}
main{padding:16px 20px 24px;max-width:1400px;margin:0 auto}
h1{font-size:20px;margin:0}
h2{font-size:13px;text-transform:uppercase;letter-spacing:.04em;color:var(--muted);margin:18px 0 6px}
.muted{color:var(--muted)}.small{font-size:12px}
.sr-only{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.queue-head{display:flex;align-items:center;gap:20px;margin-bottom:10px}
.count{color:var(--muted);font-weight:400}
.levels{display:flex;gap:8px;list-style:none;margin:0;padding:0}
.level a{display:inline-block;padding:3px 10px;border-radius:12px;text-decoration:none;font-size:13px}
.level-L3 a,.badge.level-L3{background:var(--l3bg);color:var(--l3)}
.level-L2 a,.badge.level-L2{background:var(--l2bg);color:var(--l2)}
.level-L1 a,.badge.level-L1{background:var(--l1bg);color:var(--l1)}
.filters{display:flex;flex-wrap:wrap;gap:10px;align-items:end;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:8px 10px;margin-bottom:10px;font-size:13px}
.filters label{display:flex;flex-direction:column;gap:2px;color:var(--muted)}
.filters label.check{flex-direction:row;align-items:center;gap:4px;color:var(--ink)}
select,input,textarea,button{font:inherit}
select,input:not([type]),input[type=password],textarea{border:1px solid #b9c0c9;border-radius:4px;padding:4px 6px;background:#fff;color:var(--ink)}
button{border:1px solid #b9c0c9;background:#fff;border-radius:4px;padding:4px 12px;cursor:pointer;color:var(--ink)}
button.primary{background:var(--accent);border-color:var(--accent);color:#fff}
:focus-visible{outline:2px solid var(--accent);outline-offset:2px}
table.cases{width:100%;border-collapse:collapse;background:var(--panel);border:1px solid var(--line);border-radius:6px}
.cases th{text-align:left;font-size:12px;font-weight:600;color:var(--muted);padding:6px 10px;border-bottom:1px solid var(--line)}
.cases td{padding:6px 10px;border-bottom:1px solid var(--line);vertical-align:top}
.case-row:focus-within{background:#eef4fd}
.case-row.is-overdue td:first-child{box-shadow:inset 3px 0 0 var(--l3)}
.case-row.is-crisis{background:#fff7f6}
.case-link{font-weight:600;text-decoration:none}
.badge{display:inline-block;min-width:26px;text-align:center;padding:1px 6px;border-radius:4px;font-weight:600;font-size:12px}
.prio{font-size:12px;margin-left:6px;color:var(--muted)}
.prio-urgent,.prio-high{color:var(--l3);font-weight:600}
.tag{font-size:11px;padding:1px 5px;border-radius:3px;margin-left:6px;background:#eceff3;color:var(--muted)}
.tag.crisis{background:var(--l3);color:#fff;text-transform:uppercase}
.due.overdue{color:var(--l3);font-weight:600}
.empty{background:var(--panel);border:1px dashed var(--line);padding:24px;text-align:center;color:var(--muted)}
.alert{padding:8px 12px;border-radius:6px;margin:8px 0}
.alert p{margin:0}
.alert.error{background:var(--l3bg);color:#7a1610;border:1px solid #f3c1bb}
.alert.ok{background:var(--okbg);color:var(--ok);border:1px solid #bfe0cb}
.case{display:grid;grid-template-columns:minmax(0,1fr) 360px;gap:20px}
.case-main,.case-side{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:14px 16px}
.chips{display:flex;flex-wrap:wrap;gap:6px;margin-top:6px}
.chip{font-size:12px;padding:1px 8px;border-radius:10px;background:#eceff3}
.chip.overdue{background:var(--l3bg);color:var(--l3);font-weight:600}
.holder{margin:10px 0;padding:6px 10px;border-radius:4px;background:#f1f3f6}
.holder.other{background:var(--l2bg);color:#6b3f00;font-weight:600}
.holder.mine{background:var(--okbg);color:var(--ok)}
.transcript{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:8px}
.msg{padding:8px 10px;border-radius:6px;background:#f3f5f8;max-width:80%}
.msg.from-bot,.msg.from-human{align-self:flex-end;background:#e8f0fb}
.msg-meta{color:var(--muted)}
.msg-text{margin:2px 0 0;white-space:pre-wrap;overflow-wrap:anywhere}
.attachments{list-style:none;display:flex;gap:8px;padding:0;margin:6px 0 0}
.attachments img{border-radius:4px;border:1px solid var(--line);display:block}
.composer{margin-top:14px;border-top:1px solid var(--line);padding-top:4px}
.composer textarea{width:100%;margin:6px 0}
.row{display:flex;justify-content:space-between;align-items:center;gap:12px;flex-wrap:wrap}
.kinds{border:0;padding:0;margin:0;display:flex;gap:14px}
#reply-count.over{color:var(--l3);font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:10px;margin-top:12px}
.actions form{display:flex;gap:6px}
.facts{margin:0}.facts dt{font-size:12px;color:var(--muted);margin-top:8px}.facts dd{margin:0}
.reasons{list-style:none;padding:0;margin:0}.reasons code{font-size:12px;overflow-wrap:anywhere}
.windows,.audit{list-style:none;padding:0;margin:0}
.windows li{padding:4px 0;border-bottom:1px solid var(--line)}
.windows li.closed strong{color:var(--muted)}
.audit li{padding:3px 0;font-size:12px;border-bottom:1px solid #eef0f3}
.actor{font-weight:600}
.signin{max-width:420px;margin:48px auto;background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:24px}
.signin form{display:flex;flex-direction:column;gap:8px;margin-top:12px}
.keys{display:flex;flex-wrap:wrap;gap:16px;padding:6px 20px;background:#fff;border-top:1px solid var(--line);font-size:12px;color:var(--muted)}
kbd{font:11px ui-monospace,monospace;border:1px solid #b9c0c9;border-bottom-width:2px;border-radius:3px;padding:0 4px;background:#f6f7f9;color:var(--ink)}
.sup{display:flex;gap:14px;font-size:13px}
.panel{background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:16px 20px}
.panel.narrow{max-width:640px}
.panel table{margin:10px 0}
.stack{display:flex;flex-direction:column;gap:6px;align-items:flex-start;margin-top:12px}
.stack input{min-width:320px}
.row-start{display:flex;gap:14px;align-items:center;margin-top:12px}
button.danger{background:var(--l3);border-color:var(--l3);color:#fff}
a.button{display:inline-block;border:1px solid #b9c0c9;border-radius:4px;padding:3px 12px;text-decoration:none;background:#fff}
.num{text-align:right}
.cases th[scope=row]{text-align:left;font-weight:600;padding:6px 10px;border-bottom:1px solid var(--line)}
@media (max-width:900px){.case{grid-template-columns:1fr}}
`;
