/* csm-sim-model-build.c: the model's helpdesk: its queues, custom fields, agents and customers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "csm-sim-model"

#include "config.h"

#include "csm-sim-model-private.h"

/* Invented names, mixed at random: agents and customers alike. */
static const char *const first_names[] = {
  "Amara", "Ben", "Chiara", "Dmitri", "Elif", "Farah", "Gustavo", "Hana", "Ines", "Jonas",
  "Kalani", "Leila", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Samir", "Tove",
  "Umar", "Valeria", "Wei", "Ximena", "Yusuf", "Zofia", "Aiden", "Beatriz", "Caleb", "Dalia",
  "Emeka", "Freya", "Goran", "Helga", "Ivo", "Jasmin", "Kenji", "Lucia", "Malik", "Noor",
  "Olivia", "Pavel", "Rania", "Sven", "Thandi", "Ulla", "Vikram", "Wanjiru", "Yara", "Zeynep",
  "Anton", "Bianca", "Cyrus", "Daria", "Esteban", "Fiona", "Gideon", "Hiroshi", "Ingrid",
  "Joaquin", "Katja", "Lorenzo", "Mirela", "Nikhil", "Orla", "Pilar", "Rafael", "Saoirse",
  "Tobias", "Uma", "Viktor", "Willa", "Xavier", "Yasmin", "Zane", "Adaeze", "Bruno", "Carmen",
  "Desmond", "Esra",
};

static const char *const last_names[] = {
  "Okafor", "Lindqvist", "Moreau", "Petrova", "Haddad", "Tanaka", "Herrera", "Nakamura",
  "Kowalski", "Brennan", "Achterberg", "Mensah", "Fischer", "Rossi", "Novak", "Kaur", "Ibrahim",
  "Sorensen", "Alvarez", "Dubois", "Costa", "Yilmaz", "Nguyen", "Schmidt", "Varga", "Eriksen",
  "Castillo", "Horvath", "Jensen", "Laine", "Marsh", "Osei", "Pereira", "Quinlan", "Reyes",
  "Sato", "Takahashi", "Umarov", "Vasquez", "Whitfield", "Xu", "Yamamoto", "Zimmermann",
  "Abbott", "Becker", "Chowdhury", "Delgado", "Engel", "Fontaine", "Gallagher", "Holm", "Iqbal",
  "Janssen", "Kiplagat", "Lopes", "Maalouf", "Nieminen", "Oyelaran", "Park", "Ramos",
  "Sandoval", "Teixeira", "Ueda", "Vogel", "Wojcik", "Yoon", "Zapata", "Aydin", "Bergstrom",
  "Carvalho", "Dimitrov", "Espinoza", "Farouk", "Greco", "Hakimi", "Ilunga", "Juarez",
  "Kovacs", "Lachance", "Mwangi",
};

static const char *const customer_domains[] = { "example.com", "example.org", "example.net" };

static void
create_queues (CsmSimModel *self)
{
  for (guint q = 0; q < CSM_SIM_N_QUEUE_KINDS; q++)
    {
      const CsmSimQueue *queue = csm_sim_world_lookup_queue_by_name (self->world,
                                                                     csm_sim_queue_defs[q].name);
      g_autoptr(GError) error = NULL;

      if (queue == NULL)
        queue = csm_sim_world_add_queue (self->world, 0, csm_sim_queue_defs[q].name,
                                         csm_sim_queue_defs[q].description, FALSE, &error);
      if (queue == NULL)
        g_error ("Could not create queue %s: %s", csm_sim_queue_defs[q].name, error->message);
      self->queue_ids[q] = queue->id;
    }
}

static gint64
ensure_custom_field (CsmSimModel *self,
                     const char  *name,
                     const char  *type,
                     const char  *description,
                     const char  *pattern)
{
  const CsmSimCustomField *cf = csm_sim_world_lookup_custom_field_by_name (self->world, name);
  g_autoptr(GError) error = NULL;

  if (cf == NULL)
    cf = csm_sim_world_add_custom_field (self->world, 0, name, type, description, pattern, 1,
                                         &error);
  if (cf == NULL)
    g_error ("Could not create custom field %s: %s", name, error->message);
  return cf->id;
}

static void
create_custom_fields (CsmSimModel *self)
{
  const CsmSimCustomField *channel;

  self->cf_csat = ensure_custom_field (self, "CSAT", "Freeform", "Customer satisfaction 1-5",
                                       "(?#Integer 1-5)^[1-5]?$");
  self->cf_nps = ensure_custom_field (self, "NPS", "Freeform", "Net promoter score 0-10",
                                      "(?#Integer 0-10)^(?:[0-9]|10)?$");
  self->cf_ces = ensure_custom_field (self, "CES", "Freeform", "Customer effort score 1-7",
                                      "(?#Integer 1-7)^[1-7]?$");
  self->cf_channel = ensure_custom_field (self, "Channel", "Select", "Contact channel", NULL);

  channel = csm_sim_world_lookup_custom_field (self->world, self->cf_channel);
  if (channel->values->len == 0)
    for (guint c = 0; c < CSM_SIM_N_CHANNELS; c++)
      csm_sim_world_add_custom_field_value (self->world, self->cf_channel, csm_sim_channel_names[c],
                                            NULL);
}

/* "First Last" and a login or mail-box form of it ("first.last"). */
static void
draw_name (CsmSimModel *self,
           char       **real_name,
           char       **handle)
{
  const char *first = first_names[csm_sim_model_rand_below (self, G_N_ELEMENTS (first_names))];
  const char *last = last_names[csm_sim_model_rand_below (self, G_N_ELEMENTS (last_names))];

  *real_name = g_strdup_printf ("%s %s", first, last);
  *handle = g_ascii_strdown (*real_name, -1);
  g_strdelimit (*handle, " ", '.');
}

static void
create_agents (CsmSimModel *self)
{
  const CsmSimGroup *group = NULL;
  GPtrArray *groups = csm_sim_world_get_groups (self->world);
  guint per_shift[CSM_SIM_N_SHIFTS] = { 0, };

  for (guint i = 0; i < groups->len && group == NULL; i++)
    {
      const CsmSimGroup *candidate = g_ptr_array_index (groups, i);

      if (g_strcmp0 (candidate->domain, "UserDefined") == 0 &&
          g_ascii_strcasecmp (candidate->name, "Agents") == 0)
        group = candidate;
    }
  if (group == NULL)
    group = csm_sim_world_add_group (self->world, 0, "Agents", "Helpdesk agents", NULL);

  for (guint i = 0; i < self->config.n_agents; i++)
    {
      Agent agent = { 0, };
      CsmSimShift shift = csm_sim_shift_pattern[i % G_N_ELEMENTS (csm_sim_shift_pattern)];
      guint rank = per_shift[shift]++;
      g_autofree char *real_name = NULL;
      g_autofree char *login = NULL;
      g_autofree char *email = NULL;
      const CsmSimUser *user;
      const RoleDef *role;

      /* A name nobody in the world has yet. */
      for (;;)
        {
          g_clear_pointer (&real_name, g_free);
          g_clear_pointer (&login, g_free);
          draw_name (self, &real_name, &login);
          if (csm_sim_world_lookup_user_by_name (self->world, login) == NULL)
            break;
        }
      email = g_strdup_printf ("%s@helpdesk.example.com", login);
      user = csm_sim_world_add_user (self->world, 0, login, real_name, email,
                                     CSM_SIM_ACCESS_AGENT, NULL);
      g_assert (user != NULL);
      csm_sim_world_set_user_locale (self->world, user->id, "en", "UTC");
      csm_sim_world_add_group_member (self->world, group->id, user->id, NULL);

      agent.info.user_id = user->id;
      agent.info.shift = shift;
      if (shift <= CSM_SIM_SHIFT_LATE)
        role = &csm_sim_weekday_roles[rank % G_N_ELEMENTS (csm_sim_weekday_roles)];
      else
        role = &csm_sim_off_hours_roles[rank % G_N_ELEMENTS (csm_sim_off_hours_roles)];
      agent.info.skills = role->skills;
      agent.info.tier2 = role->tier2;
      agent.info.capacity = 3 + csm_sim_model_rand_below (self, 6);
      agent.idle_pos = -1;
      agent.held = g_array_new (FALSE, FALSE, sizeof (guint));
      agent.own = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (self->agents, agent);
      g_hash_table_insert (self->agent_by_user, GSIZE_TO_POINTER ((gsize) user->id),
                           GSIZE_TO_POINTER ((gsize) self->agents->len));
    }
}

static void
create_customers (CsmSimModel *self)
{
  guint n = MAX (100, self->config.n_agents * 10);

  for (guint i = 0; i < n; i++)
    {
      Customer customer;
      g_autofree char *real_name = NULL;
      g_autofree char *handle = NULL;
      g_autofree char *email = NULL;
      const char *domain;
      gboolean vip;
      const CsmSimUser *user;
      guint index_in_list;

      draw_name (self, &real_name, &handle);
      domain = customer_domains[csm_sim_model_rand_below (self, G_N_ELEMENTS (customer_domains))];
      vip = csm_sim_model_rand_unit (self) < P_VIP_CUSTOMER;
      email = g_strdup_printf ("%s@%s", handle, domain);
      for (guint k = 2; csm_sim_world_lookup_user_by_email (self->world, email) != NULL; k++)
        {
          g_free (email);
          email = g_strdup_printf ("%s%u@%s", handle, k, domain);
        }

      /* As RT creates them from mail: the address is the name. */
      user = csm_sim_world_add_user (self->world, 0, email, real_name, email,
                                     CSM_SIM_ACCESS_CUSTOMER, NULL);
      g_assert (user != NULL);
      customer.user_id = user->id;
      g_array_append_val (self->customers, customer);
      index_in_list = self->customers->len - 1;
      if (vip)
        g_array_append_val (self->vip_customers, index_in_list);
      else
        g_array_append_val (self->regular_customers, index_in_list);
    }

  /* Both kinds must exist for the arrivals to draw from. */
  if (self->vip_customers->len == 0)
    {
      guint moved = g_array_index (self->regular_customers, guint, 0);

      g_array_remove_index (self->regular_customers, 0);
      g_array_append_val (self->vip_customers, moved);
    }
  if (self->regular_customers->len == 0)
    {
      guint moved = g_array_index (self->vip_customers, guint, 0);

      g_array_remove_index (self->vip_customers, 0);
      g_array_append_val (self->regular_customers, moved);
    }
}

/* In this order: the ids and the random draws follow from it. */
void
csm_sim_model_build_helpdesk (CsmSimModel *self)
{
  create_queues (self);
  create_custom_fields (self);
  create_agents (self);
  create_customers (self);
}
