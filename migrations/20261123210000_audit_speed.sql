-- Appending to the audit hash chain in one round trip (see src/platform/audit/audit.ts).
--
-- The application canonicalises the entry (RFC 8785) and passes it split around the id, which is
-- only known here: hash = sha256(prev_hash || '\n' || head || id || tail), the same formula the
-- verifier recomputes from the stored columns. The chain lock is taken inside the call, so it is
-- held only from the append to the end of the transaction, and the newest entry is read by a
-- statement that starts after the lock was granted (a fresh snapshot in READ COMMITTED).
CREATE FUNCTION audit_append(
  p_occurred_at     timestamptz,
  p_actor_user_id   uuid,
  p_actor_label     text,
  p_action          text,
  p_resource_type   text,
  p_resource_id     text,
  p_organisation_id uuid,
  p_before          jsonb,
  p_after           jsonb,
  p_request_id      text,
  p_canonical_head  text,
  p_canonical_tail  text
) RETURNS bigint LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_prev text;
  v_id   bigint;
BEGIN
  -- A transaction-wide snapshot would read a stale newest entry and fork the chain.
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'audit entries are appended in READ COMMITTED transactions only'
      USING ERRCODE = 'feature_not_supported';
  END IF;
  PERFORM pg_advisory_xact_lock(7403118);
  SELECT hash INTO v_prev FROM audit_log ORDER BY id DESC LIMIT 1;
  v_prev := coalesce(v_prev, repeat('0', 64));
  v_id := nextval(pg_get_serial_sequence('audit_log', 'id'));
  INSERT INTO audit_log (id, occurred_at, actor_user_id, actor_label, action, resource_type,
                         resource_id, organisation_id, before, after, request_id, prev_hash, hash)
  VALUES (v_id, p_occurred_at, p_actor_user_id, p_actor_label, p_action, p_resource_type,
          p_resource_id, p_organisation_id, p_before, p_after, p_request_id, v_prev,
          encode(sha256(convert_to(v_prev || E'\n' || p_canonical_head || v_id::text || p_canonical_tail, 'UTF8')), 'hex'));
  RETURN v_id;
END;
$$;
