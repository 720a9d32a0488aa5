#!/usr/bin/env python3
"""Seeds a running the5hc server with N clients and A assessments each for the benchmarks (bench/run.sh).

usage: seed.py BASE_URL TOKEN N [A=5] > client-ids.txt
       seed.py --assessment-body CLIENT_ID   (prints one full assessment input, the benchmark's POST body)

Everything goes through the public API (POST /api/v1/clients/, POST /api/v1/assessments/), i.e. through the same
services, validation, scoring and audit as real use — slower than a bulk store path, but it can never seed data the
application itself would not have written. One keep-alive connection; deterministic (fixed seed). Prints the
created client ids, one per line. Exit 3 when the server has no clients/assessments API (an older build).
"""
import http.client
import json
import random
import sys
import urllib.parse
from datetime import date, timedelta

FAMILY = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = ["민준", "서연", "도윤", "하은", "시우", "지유", "주원", "서윤", "예준", "지아", "하준", "수아", "지호", "다은"]


def assessment_body(rng, client_id, day):
    """A full assessment input (every test of DOMAIN.md §1.6), as the benchmark's POST also sends."""
    return {
        "client": client_id,
        "date": day.isoformat(),
        "test_environment": rng.choice(["indoor", "indoor", "outdoor"]),
        "temperature": round(rng.uniform(5, 30), 1),
        "notes": "벤치마크 평가",
        "overhead_squat_performed": True,
        "overhead_squat_knee_valgus": rng.random() < 0.3,
        "overhead_squat_forward_lean": rng.random() < 0.3,
        "overhead_squat_heel_lift": rng.random() < 0.2,
        "overhead_squat_arm_drop": rng.random() < 0.2,
        "push_up_reps": rng.randint(5, 45),
        "push_up_type": rng.choice(["standard", "standard", "modified"]),
        "single_leg_balance_right_eyes_open": round(rng.uniform(10, 60), 1),
        "single_leg_balance_left_eyes_open": round(rng.uniform(10, 60), 1),
        "single_leg_balance_right_eyes_closed": round(rng.uniform(2, 30), 1),
        "single_leg_balance_left_eyes_closed": round(rng.uniform(2, 30), 1),
        "toe_touch_distance": round(rng.uniform(-15, 15), 1),
        "shoulder_mobility_right": round(rng.uniform(5, 30), 1),
        "shoulder_mobility_left": round(rng.uniform(5, 30), 1),
        "shoulder_mobility_score": rng.randint(1, 3),
        "farmer_carry_weight": round(rng.uniform(20, 60), 1),
        "farmer_carry_distance": round(rng.uniform(20, 40), 1),
        "farmer_carry_time": round(rng.uniform(30, 90), 1),
        "harvard_step_test_hr1": rng.randint(90, 140),
        "harvard_step_test_hr2": rng.randint(80, 130),
        "harvard_step_test_hr3": rng.randint(70, 120),
        "harvard_step_test_duration": 180,
    }


def client_body(rng, i):
    return {
        "name": rng.choice(FAMILY) + rng.choice(GIVEN) + str(i),
        "age": rng.randint(20, 70),
        "gender": rng.choice(["male", "female"]),
        "height": round(rng.uniform(150, 190), 1),
        "weight": round(rng.uniform(45, 95), 1),
        "email": f"bench{i}@example.com",
        "phone": f"010-{rng.randint(1000, 9999)}-{i % 10000:04d}",
    }


def main():
    if sys.argv[1] == "--assessment-body":
        print(json.dumps(assessment_body(random.Random(7), int(sys.argv[2]), date.today()), ensure_ascii=False))
        return
    base, token, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    per_client = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=30)
    headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def post(path, body):
        conn.request("POST", path, json.dumps(body), headers)
        r = conn.getresponse()
        data = r.read()
        if r.status in (404, 405):
            print(f"seed: {path} is not implemented by this server", file=sys.stderr)
            sys.exit(3)
        if r.status != 201:
            sys.exit(f"seed: POST {path} → {r.status}: {data[:300].decode(errors='replace')}")
        return json.loads(data)

    rng = random.Random(5)
    today = date.today()
    for i in range(n):
        client_id = post("/api/v1/clients/", client_body(rng, i))["id"]
        for k in range(per_client):
            post("/api/v1/assessments/", assessment_body(rng, client_id, today - timedelta(days=30 * (per_client - k))))
        print(client_id)
        if (i + 1) % 100 == 0:
            print(f"seed: {i + 1}/{n} clients", file=sys.stderr)


if __name__ == "__main__":
    main()
