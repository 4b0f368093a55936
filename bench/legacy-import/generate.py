#!/usr/bin/env python3
"""Generates a source database of the original portal at scale (default 20,000 tasks) for the import benchmark.

Schema: the DDL of tests/Portal.Tests/Import/LegacySchema.cs (the one the tests use), so benchmark and tests read the
same original. Output: a SQLite file (--sqlite PATH) or SQL for MariaDB on stdout (--mysql), to pipe into `mariadb DB`.
"""
import argparse, os, random, re, sqlite3, sys, datetime, hashlib, json

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCHEMA = os.path.join(ROOT, "tests", "Portal.Tests", "Import", "LegacySchema.cs")

def ddl(mysql):
    text = open(SCHEMA, encoding="utf-8").read()
    body = text.split('"""')[1]
    if mysql:
        return body
    body = body.replace("INT AUTO_INCREMENT PRIMARY KEY", "INTEGER PRIMARY KEY AUTOINCREMENT")
    return re.sub(r"ENUM\([^)]*\)", "VARCHAR(20)", body)

def rows(tasks):
    rnd = random.Random(42)
    start = datetime.datetime(2023, 1, 1, 8, 0, 0)
    fmt = lambda d: d.strftime("%Y-%m-%d %H:%M:%S")
    salt = "benchSALTbench12"
    # One real pbkdf2 hash (cheap iterations) shared by everybody: hashing is not what is measured.
    h = "pbkdf2:sha256:1000$%s$%s" % (salt, hashlib.pbkdf2_hmac("sha256", b"senha de teste", salt.encode(), 1000).hex())
    users = 60
    yield "users", ["id", "username", "password", "name", "email", "ativo", "role", "is_master"], [
        (i, f"usuario{i}", h, f"Usuário {i}", f"usuario{i}@escritorio.com.br", 1, "admin" if i == 1 else "user", 0) for i in range(1, users + 1)]
    tags = ["Fiscal", "Contábil", "Pessoal", "Societário", "Financeiro", "TI", "Gestão", "Reunião"]
    yield "tags", ["id", "nome"], [(i + 1, t) for i, t in enumerate(tags)]
    yield "user_tags", ["user_id", "tag_id"], [(u, (u % 6) + 1) for u in range(1, users + 1)]
    clients = max(50, tasks // 33)
    def cnpj(n):
        base = [int(c) for c in f"{n:08d}0001"]
        for weights in ([5,4,3,2,9,8,7,6,5,4,3,2], [6,5,4,3,2,9,8,7,6,5,4,3,2]):
            s = sum(a * b for a, b in zip(base, weights)) % 11
            base.append(0 if s < 2 else 11 - s)
        return "".join(map(str, base))
    yield "tbl_empresas", ["id", "nome_empresa", "cnpj", "data_abertura", "tipo_empresa", "tributacao", "regime_lancamento",
                           "sistemas_consultorias", "acessos", "codigo_empresa", "contatos", "ativo"], [
        (i, f"Empresa {i} Ltda", cnpj(10000000 + i), "2010-01-01", "Matriz", rnd.choice(["Simples Nacional", "Lucro Presumido", "Lucro Real"]),
         '["Caixa"]', '["IOB"]', json.dumps([{"acesso": "Prefeitura", "usuario": f"u{i}", "senha": f"s{i}x"}]), str(100 + i),
         json.dumps([{"nome": "Contato", "email": f"c{i}@cliente.com.br"}]), 1) for i in range(1, clients + 1)]
    task_rows, responses, history, status_history, followers = [], [], [], [], []
    status = ["PENDING", "IN_PROGRESS", "DONE"]
    for i in range(1, tasks + 1):
        created = start + datetime.timedelta(minutes=rnd.randint(0, 60 * 24 * 900))
        st = "DONE" if rnd.random() < 0.8 else rnd.choice(status[:2])
        parent = rnd.randint(max(1, i - 50), i - 1) if i > 10 and rnd.random() < 0.3 else None
        creator = rnd.randint(1, users)
        done = fmt(created + datetime.timedelta(days=3)) if st == "DONE" else None
        task_rows.append((i, 0, f"Tarefa {i}", f"Descrição da tarefa {i}\nSegunda linha", st, rnd.choice(["LOW", "MEDIUM", "HIGH"]),
                          None, fmt(created), fmt(created), done, rnd.randint(1, 6), creator, parent, rnd.randint(1, users), creator if done else None))
        responses.append((i, creator, f"<p>Resposta {i}</p>", fmt(created + datetime.timedelta(hours=2))))
        history.append((i, fmt(created), creator, None, None, None, "created"))
        history.append((i, fmt(created + datetime.timedelta(hours=1)), creator, "title", f"T{i}", f"Tarefa {i}", "updated"))
        status_history.append((i, "PENDING", "IN_PROGRESS", fmt(created + datetime.timedelta(hours=1)), creator))
        followers.append((i, (creator % users) + 1, fmt(created)))
    yield "tasks", ["id", "is_private", "title", "description", "status", "priority", "due_date", "created_at", "updated_at", "completed_at",
                    "tag_id", "created_by", "parent_id", "assigned_to", "completed_by"], task_rows
    yield "task_responses", ["task_id", "author_id", "body", "created_at"], responses
    yield "task_history", ["task_id", "changed_at", "changed_by", "field_name", "old_value", "new_value", "change_type"], history
    yield "task_status_history", ["task_id", "from_status", "to_status", "changed_at", "changed_by"], status_history
    yield "task_followers", ["task_id", "user_id", "created_at"], followers
    now = datetime.datetime.now()
    yield "task_notifications", ["user_id", "task_id", "type", "message", "created_at"], [
        (rnd.randint(1, users), rnd.randint(1, tasks), "task", "Notificação", fmt(now - datetime.timedelta(days=rnd.randint(0, 120)))) for _ in range(tasks // 10)]
    yield "audit_logs", ["user_id", "username", "action_type", "resource_type", "resource_id", "action_description", "new_values", "created_at"], [
        (1, "usuario1", "update", "empresa", i, "Empresa atualizada", json.dumps({"acessos": [{"senha": "x"}], "nome": f"E{i}"}), fmt(start)) for i in range(1, tasks // 4)]

def sql_literal(v):
    if v is None: return "NULL"
    if isinstance(v, (int, float)): return str(v)
    return "'" + str(v).replace("\\", "\\\\").replace("'", "''") + "'"

def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tasks", type=int, default=20000)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--sqlite")
    g.add_argument("--mysql", action="store_true")
    a = p.parse_args()
    if a.sqlite:
        if os.path.exists(a.sqlite): os.remove(a.sqlite)
        con = sqlite3.connect(a.sqlite)
        con.executescript(ddl(False))
        for table, cols, data in rows(a.tasks):
            con.executemany(f"INSERT INTO {table} ({','.join(cols)}) VALUES ({','.join('?' * len(cols))})", data)
        con.commit()
        con.close()
    else:
        out = sys.stdout
        out.write(ddl(True) + "\n")
        for table, cols, data in rows(a.tasks):
            for i in range(0, len(data), 1000):
                chunk = data[i:i + 1000]
                out.write(f"INSERT INTO {table} ({','.join(cols)}) VALUES " + ",".join("(" + ",".join(sql_literal(v) for v in r) + ")" for r in chunk) + ";\n")

if __name__ == "__main__":
    main()
